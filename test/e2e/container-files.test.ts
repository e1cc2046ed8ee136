// The container page's Files and Inspect tabs in Chromium, by role and name:
// open a folder and see its file, upload into it (by button and by drop) and
// download a file (the CLI says what the container holds), Changes only shows
// an added file, and Inspect searches its JSON and masks a secret until its Reveal button.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Browser, JSHandle, Locator, Page } from 'playwright-core';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let main: Locator;

const serve = 'trap "exit 0" TERM; while true; do sleep 1; done';

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 1000 }));
  await docker(
    engine,
    'run',
    '-d',
    '--name',
    'box',
    '-e',
    'SECRET_TOKEN=hunter2-value',
    '-e',
    'MODE=plain',
    '-e',
    'DB_PASSWORD=pw-value',
    '-v',
    'berth-e2e-ro:/ro:ro',
    busyboxImage,
    'sh',
    '-c',
    'mkdir -p /data /many && echo hi > /data/hello.txt && ' +
      "seq 1 2000 | sed 's/^/f/' | (cd /many && xargs touch) && " +
      `touch /tmp/added-file && ${serve}`,
  );
  await docker(
    engine,
    'exec',
    'box',
    'sh',
    '-c',
    'until [ -e /tmp/added-file ]; do sleep 0.1; done',
  );
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await page
    .getByRole('grid', { name: 'Containers' })
    .getByRole('link', { name: 'Open box', exact: true })
    .click();
  main = page.getByRole('main', { name: 'box' });
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

/** A DataTransfer in the page carrying Files, as a drop from the system brings them. */
function dropData(files: { name: string; b64: string }[]): Promise<JSHandle> {
  // A string: the test's TypeScript has no DOM types.
  return page.evaluateHandle(`(() => {
    const data = new DataTransfer();
    for (const { name, b64 } of ${JSON.stringify(files)}) {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], name));
    }
    return data;
  })()`);
}

async function tarNames(bytes: Buffer): Promise<string[]> {
  const extract = tar.extract();
  Readable.from([bytes]).pipe(extract);
  const names: string[] = [];
  for await (const entry of extract) {
    names.push(entry.header.name);
    entry.resume();
  }
  return names;
}

describe('Files tab', () => {
  it('opens a folder on demand and shows its file, with its place in the tree', async () => {
    await main.getByRole('tab', { name: 'Files', exact: true }).click();
    const tree = main.getByRole('tree', { name: 'Container files' });
    await tree.getByRole('treeitem', { name: 'data', exact: true }).click();
    const hello = tree.getByRole('treeitem', { name: 'hello.txt', exact: true });
    await hello.waitFor({ timeout: FOLLOW_MS });
    expect(await hello.getAttribute('aria-level')).toBe('3');
    expect(await hello.getAttribute('aria-setsize')).toBe('1');
    expect(await hello.getAttribute('aria-posinset')).toBe('1');
    expect(
      await tree.getByRole('treeitem', { name: 'data', exact: true }).getAttribute('aria-expanded'),
    ).toBe('true');
  });

  it('holds only the rows in view of a 2000-file folder, and moves by keyboard', async () => {
    const tree = main.getByRole('tree', { name: 'Container files' });
    await tree.getByRole('treeitem', { name: 'many', exact: true }).click();
    const first = tree.getByRole('treeitem', { name: 'f1', exact: true });
    await first.waitFor({ timeout: FOLLOW_MS });
    expect(await first.getAttribute('aria-setsize')).toBe('2000');
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(200);
    await first.press('End');
    const last = tree.getByRole('treeitem', { name: '.dockerenv', exact: true });
    await expect.poll(() => last.evaluate((el) => el.matches(':focus'))).toBe(true);
    await last.press('Home');
    await tree.getByRole('treeitem', { name: '/', exact: true }).press('ArrowDown');
    await tree.getByRole('treeitem', { name: 'bin', exact: true }).press('ArrowRight');
    await tree.getByRole('treeitem', { name: 'busybox', exact: true }).waitFor();
    await tree.getByRole('treeitem', { name: 'bin', exact: true }).press('ArrowLeft');
    await tree.getByRole('treeitem', { name: 'many', exact: true }).click(); // closes it
    await tree.getByRole('treeitem', { name: 'hello.txt', exact: true }).click();
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(30);
  });

  it('uploads a file into the selected folder, where docker exec cat reads it', async () => {
    const chooser = page.waitForEvent('filechooser');
    await main.getByRole('button', { name: 'Upload', exact: true }).click();
    await (
      await chooser
    ).setFiles({
      name: 'up load.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('from the page\n'),
    });
    await main.getByRole('status', { name: 'Upload' }).getByText('/data/up load.txt').waitFor();
    expect(await docker(engine, 'exec', 'box', 'cat', '/data/up load.txt')).toBe('from the page\n');
    await main.getByRole('treeitem', { name: 'up load.txt', exact: true }).waitFor();
  });

  it("says, in the engine's words, that a read-only folder takes no upload", async () => {
    await main.getByRole('treeitem', { name: 'ro', exact: true }).click();
    const chooser = page.waitForEvent('filechooser');
    await main.getByRole('button', { name: 'Upload', exact: true }).click();
    await (
      await chooser
    ).setFiles({ name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    const alert = main.getByRole('alert');
    await alert.getByText(/marked read-only/).waitFor({ timeout: FOLLOW_MS });
    expect(await alert.textContent()).toMatch(/Couldn't copy into \/ro.*pick a writable one/);
  });

  it('uploads files dropped on a folder row into that folder, byte for byte', async () => {
    // /ro is selected: the drop on the data row goes into /data all the same.
    const blob = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      randomBytes(300_000),
    ]);
    const files = [
      { name: 'blob.bin', b64: blob.toString('base64') },
      { name: 'dropped note.txt', b64: Buffer.from('dropped\n').toString('base64') },
    ];
    const data = await dropData(files);
    const row = main.getByRole('treeitem', { name: 'data', exact: true });
    await row.dispatchEvent('dragenter', { dataTransfer: data });
    await row.dispatchEvent('dragover', { dataTransfer: data });
    await main.getByText('Drop to upload into /data', { exact: true }).waitFor();
    expect(await row.getAttribute('class')).toContain('drop-into');
    await row.dispatchEvent('drop', { dataTransfer: data });
    const status = main.getByRole('status', { name: 'Upload' });
    await status
      .getByText('/data/blob.bin, /data/dropped note.txt')
      .waitFor({ timeout: FOLLOW_MS });
    expect(await main.getByText('Drop to upload into /data').count()).toBe(0);
    const { stdout } = await execFileAsync(
      'docker',
      ['-H', engine.endpoint, 'exec', 'box', 'cat', '/data/blob.bin'],
      { encoding: 'buffer', maxBuffer: 1 << 24 },
    );
    expect(stdout.equals(blob)).toBe(true);
    expect(await docker(engine, 'exec', 'box', 'cat', '/data/dropped note.txt')).toBe('dropped\n');
    await main.getByRole('treeitem', { name: 'dropped note.txt', exact: true }).waitFor();
  });

  it("says, in the engine's words, that a file dropped into a read-only folder was refused", async () => {
    // Dropped on the listing, not on a folder row: into the folder uploads go into (/ro).
    const data = await dropData([{ name: 'y.txt', b64: Buffer.from('y').toString('base64') }]);
    expect(await main.getByRole('alert').count()).toBe(0); // the last upload went well
    const tree = main.getByRole('tree', { name: 'Container files' });
    await tree.dispatchEvent('dragover', { dataTransfer: data });
    await main.getByText('Drop to upload into /ro', { exact: true }).waitFor();
    await tree.dispatchEvent('drop', { dataTransfer: data });
    const alert = main.getByRole('alert');
    await alert.getByText(/marked read-only/).waitFor({ timeout: FOLLOW_MS });
    expect(await alert.textContent()).toMatch(/Couldn't copy into \/ro.*pick a writable one/);
  });

  it('downloads a file as the tar docker cp gives', async () => {
    await main.getByRole('treeitem', { name: 'hello.txt', exact: true }).click();
    const download = page.waitForEvent('download');
    await main.getByRole('button', { name: 'Download', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('hello.txt.tar');
    const ours = await readFile((await file.path())!);
    const { stdout } = await execFileAsync(
      'docker',
      ['-H', engine.endpoint, 'cp', 'box:/data/hello.txt', '-'],
      { encoding: 'buffer' },
    );
    expect(await tarNames(ours)).toEqual(await tarNames(stdout));
  });

  it('shows the docker commands, and Changes only shows an added file', async () => {
    await main.getByRole('button', { name: 'Show command', exact: true }).click();
    const command = await main.getByLabel('docker command', { exact: true }).textContent();
    expect(command).toMatch(/^docker --context berth-[0-9a-f]{6} cp box:\/data\/hello.txt \.$/m);
    expect(command).toMatch(/ diff box$/m);
    await main.getByRole('checkbox', { name: 'Changes only', exact: true }).check();
    const tree = main.getByRole('tree', { name: 'Container files' });
    await tree.getByRole('treeitem', { name: 'up load.txt, added', exact: true }).waitFor();
    // Past the 2000 files added under /many: the tree holds only the rows in view.
    await tree.getByRole('treeitem').first().press('End');
    await tree.getByRole('treeitem', { name: 'added-file, added', exact: true }).waitFor();
  });
});

describe('Inspect tab', () => {
  it('searches the JSON and masks a secret until its Reveal button', async () => {
    await main.getByRole('tab', { name: 'Inspect', exact: true }).click();
    const search = main.getByRole('searchbox', { name: 'Search inspect' });
    await search.fill('SECRET_TOKEN');
    const panel = main.getByRole('tabpanel');
    await panel.getByText('"SECRET_TOKEN=••••••••"').waitFor();
    expect(await panel.textContent()).not.toContain('hunter2-value');
    expect(await panel.getByText('HostConfig').count()).toBe(0); // filtered out
    await main.getByRole('button', { name: 'Reveal SECRET_TOKEN', exact: true }).click();
    await panel.getByText('"SECRET_TOKEN=hunter2-value"').waitFor();
    await search.fill('mode=');
    await panel.getByText('"MODE=plain"', { exact: false }).waitFor();
    // Copy copies what is shown: the revealed secret whole, the other one masked.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await main.getByRole('button', { name: 'Copy', exact: true }).click();
    await main.getByRole('status').getByText('Copied (secret values masked)').waitFor();
    const copied = JSON.parse(
      (await page.evaluate('navigator.clipboard.readText()')) as string,
    ) as {
      Id: string;
      Config: { Env: string[] };
    };
    expect(copied.Id).toMatch(/^[0-9a-f]{64}$/);
    expect(copied.Config.Env).toEqual(
      expect.arrayContaining(['SECRET_TOKEN=hunter2-value', 'DB_PASSWORD=••••••••', 'MODE=plain']),
    );
  });
});
