// A volume's page in Chromium, by role and name, with the CLI as the truth
// (`docker run -v VOL:/d busybox cat|tar`): browse the "Volume files" tree,
// upload a file into a folder (picked, and two dropped) and download it back, export the volume and
// import that tar into another volume, refuse a file that is no tar, and show
// the docker lines behind it all.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { Browser, JSHandle, Locator, Page } from 'playwright-core';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';

const execFileAsync = promisify(execFile);
const VOLUME = 'berth-e2e-vol';
const COPY = 'berth-e2e-copy';
let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let exported: Buffer;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
  await docker(engine, 'volume', 'create', VOLUME);
  await docker(engine, 'volume', 'create', COPY);
  await inVolume(
    VOLUME,
    'mkdir -p /d/sub && echo one > /d/a.txt && echo deep > /d/sub/deep && ln -s a.txt /d/link',
  );
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const inVolume = (volume: string, script: string) =>
  docker(engine, 'run', '--rm', '-v', `${volume}:/d`, busyboxImage, 'sh', '-c', script);

async function open(volume: string): Promise<Locator> {
  await page.evaluate(`location.hash = '#/volumes/${volume}'`);
  const main = page.getByRole('main', { name: volume });
  await main.getByRole('tree', { name: 'Volume files' }).waitFor();
  return main;
}

/** Each entry of a tar by name (`./` and trailing slashes dropped), file bodies hashed. */
async function tarEntries(bytes: Buffer): Promise<Map<string, string>> {
  const extract = tar.extract();
  Readable.from([bytes]).pipe(extract);
  const out = new Map<string, string>();
  for await (const entry of extract) {
    const hash = createHash('sha256');
    for await (const chunk of entry) hash.update(chunk as Buffer);
    const name = entry.header.name.replace(/^\.\//, '').replace(/\/$/, '');
    if (name && name !== '.') {
      out.set(name, `${entry.header.type} ${entry.header.linkname ?? ''} ${hash.digest('hex')}`);
    }
  }
  return out;
}

/** What the CLI reads from a volume: busybox tar of its root. */
async function cliEntries(volume: string): Promise<Map<string, string>> {
  const { stdout } = await execFileAsync(
    'docker',
    [
      '-H',
      engine.endpoint,
      'run',
      '--rm',
      '-v',
      `${volume}:/d`,
      busyboxImage,
      'tar',
      '-c',
      '-C',
      '/d',
      '.',
    ],
    { encoding: 'buffer', maxBuffer: 16 << 20 },
  );
  return tarEntries(stdout);
}

/** A DataTransfer in the page carrying Files, as a drop from the system brings them. */
function dropData(files: { name: string; text: string }[]): Promise<JSHandle> {
  // A string: the test's TypeScript has no DOM types.
  return page.evaluateHandle(`(() => {
    const data = new DataTransfer();
    for (const { name, text } of ${JSON.stringify(files)}) data.items.add(new File([text], name));
    return data;
  })()`);
}

async function chooseFile(main: Locator, button: string, name: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await main.getByRole('button', { name: button, exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer });
}

describe("a volume's files", () => {
  it('browses the tree folder by folder', async () => {
    const main = await open(VOLUME);
    const tree = main.getByRole('tree', { name: 'Volume files' });
    await tree.getByRole('treeitem', { name: 'a.txt', exact: true }).waitFor();
    await tree.getByRole('treeitem', { name: 'sub', exact: true }).click();
    await tree.getByRole('treeitem', { name: 'deep', exact: true }).waitFor();
  });

  it('uploads a file into the selected folder, where busybox cat reads it', async () => {
    const main = page.getByRole('main', { name: VOLUME });
    await chooseFile(main, 'Upload', 'up load.txt', Buffer.from('from the page\n'));
    await main.getByRole('status', { name: 'Upload' }).getByText('/sub/up load.txt').waitFor();
    expect(await inVolume(VOLUME, 'cat "/d/sub/up load.txt"')).toBe('from the page\n');
    await main.getByRole('treeitem', { name: 'up load.txt', exact: true }).waitFor();
  });

  it('uploads files dropped on a folder row into that folder', async () => {
    const main = page.getByRole('main', { name: VOLUME });
    const data = await dropData([
      { name: 'one.txt', text: 'first\n' },
      { name: 'two.txt', text: 'second\n' },
    ]);
    const row = main.getByRole('treeitem', { name: 'sub', exact: true });
    await row.dispatchEvent('dragover', { dataTransfer: data });
    await main.getByText('Drop to upload into /sub', { exact: true }).waitFor();
    await row.dispatchEvent('drop', { dataTransfer: data });
    await main
      .getByRole('status', { name: 'Upload' })
      .getByText('/sub/one.txt, /sub/two.txt')
      .waitFor({ timeout: FOLLOW_MS });
    expect(await inVolume(VOLUME, 'cat /d/sub/one.txt /d/sub/two.txt')).toBe('first\nsecond\n');
  });

  it('downloads it back as a tar holding those bytes', async () => {
    const main = page.getByRole('main', { name: VOLUME });
    await main.getByRole('treeitem', { name: 'up load.txt', exact: true }).click();
    const download = page.waitForEvent('download');
    await main.getByRole('button', { name: 'Download', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('up load.txt.tar');
    const entries = await tarEntries(await readFile((await file.path())!));
    const sha = createHash('sha256').update('from the page\n').digest('hex');
    expect(entries).toEqual(new Map([['up load.txt', `file  ${sha}`]]));
  });

  it('exports the volume as the tar busybox reads from it', async () => {
    const main = page.getByRole('main', { name: VOLUME });
    const download = page.waitForEvent('download');
    await main.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${VOLUME}.tar`);
    exported = await readFile((await file.path())!);
    expect(await tarEntries(exported)).toEqual(await cliEntries(VOLUME));
    await main.getByRole('status', { name: `Exported ${VOLUME}` }).waitFor({ timeout: FOLLOW_MS });
  });

  it('refuses to import a file that is no tar, and the volume stays as it was', async () => {
    const main = await open(COPY);
    const before = await cliEntries(COPY);
    await chooseFile(main, 'Import', 'notes.txt', Buffer.from('not a tar\n'.repeat(100)));
    const alert = main.getByRole('alert');
    await alert.getByText(/not a tar archive/).waitFor({ timeout: FOLLOW_MS });
    expect(await alert.textContent()).toMatch(/The volume was not changed/);
    expect(await cliEntries(COPY)).toEqual(before);
  });

  it('imports the exported tar into another volume: the same files, byte for byte', async () => {
    const main = page.getByRole('main', { name: COPY });
    await chooseFile(main, 'Import', `${VOLUME}.tar`, exported);
    await main
      .getByRole('status', { name: `Imported into ${COPY}` })
      .waitFor({ timeout: FOLLOW_MS });
    expect(await cliEntries(COPY)).toEqual(await cliEntries(VOLUME));
    // The tree is read again after an import.
    await main.getByRole('treeitem', { name: 'sub', exact: true }).waitFor();
    expect(await main.getByRole('alert').count()).toBe(0);
  });

  it('shows the helper container and docker cp lines it runs', async () => {
    const main = page.getByRole('main', { name: COPY });
    await main.getByRole('button', { name: 'Show command', exact: true }).click();
    const command = await main.getByLabel('docker command', { exact: true }).textContent();
    expect(command).toMatch(
      /^docker --context berth-[0-9a-f]{6} create --name berth-volume-helper --label berth\.volume-helper=berth-e2e-copy --network none -v berth-e2e-copy:\/v:ro,nocopy berth-test\/busybox:latest true$/m,
    );
    expect(command).toMatch(/ cp berth-volume-helper:\/v\/\. - > berth-e2e-copy\.tar$/m);
    expect(command).toMatch(/ cp - berth-volume-helper:\/v < berth-e2e-copy\.tar$/m);
    const shots = process.env.BERTH_E2E_SHOTS;
    if (shots) await page.screenshot({ path: `${shots}/volume-page.png`, fullPage: true });
  });
});
