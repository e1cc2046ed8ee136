// The New container dialog, driven by its labels: each option checked by
// inspecting the container with the docker CLI, the shown command run with
// `sh -c` making the same container, and bad input stopped beside its field.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ContainerInspectInfo } from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { docker, inspectContainer } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';

const sh = promisify(execFile);
let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let siteDir: string;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 1000 }));
  await docker(engine, 'network', 'create', 'backend');
  siteDir = await mkdtemp(join(tmpdir(), 'berth-site-'));
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

async function openDialog(): Promise<Locator> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await page.getByRole('button', { name: 'New container', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New container' });
  await dialog.waitFor();
  // These tests use every field: the rest sits behind "More options" (remembered once opened).
  const more = dialog.getByRole('button', { name: 'More options', exact: true });
  if ((await more.getAttribute('aria-expanded')) === 'false') await more.click();
  return dialog;
}

const field = (dialog: Locator, name: string) => dialog.getByLabel(name, { exact: true });

async function fillEverything(dialog: Locator, name: string): Promise<void> {
  await field(dialog, 'Image').fill(busyboxImage);
  await field(dialog, 'Name').fill(name);
  await field(dialog, 'Command').fill(
    `sh -c 'trap "exit 0" TERM; echo "$GREETING"; while true; do sleep 1; done'`,
  );
  await field(dialog, 'Ports').fill('80\n53/udp');
  await field(dialog, 'Environment').fill('GREETING=hello world\nEMPTY=');
  await field(dialog, 'Volumes').fill(`${name}-data:/data\n${siteDir}:/site:ro\n/cache`);
  await field(dialog, 'Labels').fill('tier=front\nnote=<b>bold</b>');
  await field(dialog, 'Network').selectOption('backend');
  await field(dialog, 'Restart policy').selectOption('on-failure');
  await field(dialog, 'Max retries').fill('2');
  await field(dialog, 'Memory limit').fill('64m');
  await field(dialog, 'CPU shares').fill('512');
  await field(dialog, 'CPU set').fill('0');
  await field(dialog, 'User').fill('1000:1000');
  await field(dialog, 'Working directory').fill('/tmp');
  await dialog.getByRole('checkbox', { name: 'Interactive', exact: true }).check();
  await dialog.getByRole('checkbox', { name: 'TTY', exact: true }).check();
}

const inspect = (name: string) => inspectContainer(engine, name);

/** What a field's aria-describedby points at: its hint and its problems, as a screen reader reads them. */
async function describedText(dialog: Locator, name: string): Promise<string> {
  const describedBy = (await field(dialog, name).getAttribute('aria-describedby')) ?? '';
  const ids = describedBy.split(' ').filter(Boolean);
  if (!ids.length) return '';
  const text = await page.locator(ids.map((id) => `[id="${id}"]`).join(', ')).allTextContents();
  return text.join(' ');
}

/** What the dialog decides, with names and generated ids left out. */
function shape(info: ContainerInspectInfo, name: string) {
  return {
    cmd: info.Config.Cmd,
    env: [...(info.Config.Env ?? [])].sort(),
    labels: info.Config.Labels,
    user: info.Config.User,
    workdir: info.Config.WorkingDir,
    tty: info.Config.Tty,
    openStdin: info.Config.OpenStdin,
    exposed: Object.keys(info.Config.ExposedPorts ?? {}).sort(),
    restart: info.HostConfig.RestartPolicy,
    memory: info.HostConfig.Memory,
    cpuShares: info.HostConfig.CpuShares,
    cpuset: info.HostConfig.CpusetCpus,
    network: info.HostConfig.NetworkMode,
    mounts: info.Mounts.map(
      (m) =>
        `${m.Type}:${m.Type === 'bind' ? m.Source : m.Destination === '/cache' ? '-' : String(m.Name).replace(name, 'NAME')}:${m.Destination}:${m.RW}`,
    ).sort(),
  };
}

describe('the New container dialog', () => {
  it('creates and starts a container with every option, as docker inspect shows', async () => {
    const dialog = await openDialog();
    await fillEverything(dialog, 'from-dialog');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    // Its page opens, as `docker run` then a look at it would.
    const containerPage = page.getByRole('main', { name: 'from-dialog' });
    await containerPage.waitFor({ timeout: 10_000 });
    await containerPage.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    await containerPage.getByRole('tab', { name: 'Inspect', exact: true }).click();
    await containerPage
      .getByRole('tabpanel')
      .getByText('"/from-dialog"', { exact: true })
      .first()
      .waitFor({ timeout: 10_000 });

    const info = await inspect('from-dialog');
    expect(shape(info, 'from-dialog')).toEqual({
      cmd: ['sh', '-c', 'trap "exit 0" TERM; echo "$GREETING"; while true; do sleep 1; done'],
      env: expect.arrayContaining(['EMPTY=', 'GREETING=hello world']),
      labels: { tier: 'front', note: '<b>bold</b>' },
      user: '1000:1000',
      workdir: '/tmp',
      tty: true,
      openStdin: true,
      exposed: ['53/udp', '80/tcp'],
      restart: { Name: 'on-failure', MaximumRetryCount: 2 },
      memory: 64 * 1024 * 1024,
      cpuShares: 512,
      cpuset: '0',
      network: 'backend',
      mounts: [
        `bind:${siteDir}:/site:false`,
        'volume:-:/cache:true',
        'volume:NAME-data:/data:true',
      ],
    });
    expect(info.State.Running).toBe(true);
  });

  it('shows the docker command that makes the same container', async () => {
    const dialog = await openDialog();
    await fillEverything(dialog, 'twin-a');
    await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
    const command = (await dialog
      .getByRole('region', { name: 'Equivalent command' })
      .locator('pre')
      .textContent())!;
    expect(command).toContain(`docker --context `);
    expect(command).toContain(' run -d --name twin-a ');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });

    // The same line, for a second container: only its name (and so its volume's) differ.
    const context = /--context (\S+)/.exec(command)![1]!;
    const line = command
      .replace(`--context ${context}`, `-H ${engine.endpoint}`)
      .replaceAll('twin-a', 'twin-b');
    await sh('sh', ['-c', line]);
    expect(shape(await inspect('twin-b'), 'twin-b')).toEqual(
      shape(await inspect('twin-a'), 'twin-a'),
    );
  });

  it('stops bad input beside its field, creating nothing', async () => {
    const before = await docker(engine, 'ps', '-aq');
    const dialog = await openDialog();
    await field(dialog, 'Image').fill('UPPER:case');
    await field(dialog, 'Name').fill('a b');
    await field(dialog, 'Ports').fill('70000:80');
    await field(dialog, 'Environment').fill('NOEQUALS');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    for (const [name, says] of [
      ['Image', 'Repository names are lower case'],
      ['Name', 'A name starts with a letter or digit'],
      ['Ports', 'host port 70000 is outside 1-65535'],
      ['Environment', '"NOEQUALS" is not KEY=value'],
    ] as const) {
      await expect(field(dialog, name).getAttribute('aria-invalid')).resolves.toBe('true');
      expect(await describedText(dialog, name)).toContain(says);
    }
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await docker(engine, 'ps', '-aq')).toBe(before);
  });

  it('says beside Max retries what the contract allows (5000: at most 1000), creating nothing', async () => {
    const before = await docker(engine, 'ps', '-aq');
    const dialog = await openDialog();
    await field(dialog, 'Image').fill(busyboxImage);
    await field(dialog, 'Name').fill('too-many-retries');
    await field(dialog, 'Restart policy').selectOption('on-failure');
    await field(dialog, 'Max retries').fill('5000');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await expect.poll(() => field(dialog, 'Max retries').getAttribute('aria-invalid')).toBe('true');
    // The schema's own words beside the field, not a zod dump in an alert.
    expect(await describedText(dialog, 'Max retries')).toContain('At most 1000');
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await field(dialog, 'Max retries').fill('1000');
    await expect
      .poll(() => field(dialog, 'Max retries').getAttribute('aria-invalid'), { timeout: 10_000 })
      .toBe('false');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await docker(engine, 'ps', '-aq')).toBe(before);
    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=^too-many-retries$')).toBe('');
  });

  it('fills Ports and Volumes from what the image declares, and publishes on a free host port', async () => {
    const context = await mkdtemp(join(tmpdir(), 'berth-build-'));
    await writeFile(
      join(context, 'Dockerfile'),
      `FROM ${busyboxImage}\nEXPOSE 80\nVOLUME /data\nCMD ["httpd", "-f", "-p", "80"]\n`,
    );
    await docker(engine, 'build', '-q', '-t', 'berth-test/declares:1', context);
    const dialog = await openDialog();
    await field(dialog, 'Image').fill('berth-test/declares:1');
    // Published on the same host port when it is free, else the next free one.
    await expect
      .poll(() => field(dialog, 'Ports').inputValue(), { timeout: FOLLOW_MS })
      .toMatch(/^\d+:80\/tcp$/);
    const chosen = (await field(dialog, 'Ports').inputValue()).split(':')[0];
    await expect(field(dialog, 'Volumes').inputValue()).resolves.toBe('/data');
    await field(dialog, 'Name').fill('declared');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const info = await inspect('declared');
    expect(info.NetworkSettings.Ports['80/tcp']?.[0]?.HostPort).toBe(chosen);
    expect(info.Mounts.map((m) => m.Destination)).toEqual(['/data']);
  });

  it('publishes all exposed ports and removes the container when it exits', async () => {
    const context = await mkdtemp(join(tmpdir(), 'berth-build-'));
    await writeFile(join(context, 'Dockerfile'), `FROM ${busyboxImage}\nEXPOSE 8080\n`);
    await docker(engine, 'build', '-q', '-t', 'berth-test/exposes:1', context);
    const dialog = await openDialog();
    await field(dialog, 'Image').fill('berth-test/exposes:1');
    await expect
      .poll(() => field(dialog, 'Ports').inputValue(), { timeout: FOLLOW_MS })
      .toMatch(/^\d+:8080\/tcp$/);
    await field(dialog, 'Ports').fill(''); // -P alone publishes what the image exposes
    await field(dialog, 'Name').fill('short-lived');
    await field(dialog, 'Command').fill('sh -c "sleep 3"');
    await dialog.getByRole('checkbox', { name: 'Publish all exposed (-P)', exact: true }).check();
    // --rm and a restart policy cannot go together: said beside the field.
    await dialog.getByRole('checkbox', { name: 'Remove when it exits', exact: true }).check();
    await field(dialog, 'Restart policy').selectOption('always');
    await dialog.getByText('cannot also restart').waitFor();
    await field(dialog, 'Restart policy').selectOption('no');
    await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
    const command = await dialog.getByLabel('docker command', { exact: true }).textContent();
    expect(command).toMatch(/ run -d --name short-lived --rm -P /);
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });

    const info = await inspect('short-lived');
    expect(info.HostConfig.PublishAllPorts).toBe(true);
    expect(info.HostConfig.AutoRemove).toBe(true);
    expect(Number(info.NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort)).toBeGreaterThan(0);
    // It exits after 3 s and the engine removes it; its page says how it ended, and that it went.
    await expect
      .poll(() => docker(engine, 'ps', '-aq', '--filter', 'name=^short-lived$'), {
        timeout: 20_000,
      })
      .toBe('');
    await page
      .getByRole('main', { name: 'short-lived' })
      .getByText('finished, then removed', { exact: true })
      .waitFor({ timeout: 10_000 });
  });

  // Privileged containers cannot start in this sandbox (runc: "unable to apply caps"),
  // so this one is only created, as `docker create` would: the option is still checked.
  it('creates without starting (docker create): a local image picked, entrypoint overridden, privileged after a warning', async () => {
    const dialog = await openDialog();
    // The local images are the Image field's suggestions; the entrypoint overridden.
    const list = await field(dialog, 'Image').getAttribute('list');
    expect(await dialog.locator(`[id="${list}"] option[value="${busyboxImage}"]`).count()).toBe(1);
    await field(dialog, 'Image').fill(busyboxImage);
    await field(dialog, 'Name').fill('created-only');
    await field(dialog, 'Entrypoint').fill('/bin/busybox');
    await field(dialog, 'Command').fill('sleep 60');
    await dialog.getByRole('checkbox', { name: 'Privileged', exact: true }).check();
    await dialog.getByText('can do almost anything the host').waitFor();
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('main', { name: 'created-only' }).waitFor({ timeout: 15_000 });
    const info = await inspect('created-only');
    expect(info.HostConfig.Privileged).toBe(true);
    expect(info.State.Status).toBe('created');
    expect(info.Config.Entrypoint).toEqual(['/bin/busybox']);
    expect(info.Config.Cmd).toEqual(['sleep', '60']);
    expect(info.Config.Image).toBe(busyboxImage);
  });

  it('loads an env file, edits variables as rows, and links a container the legacy way', async () => {
    await docker(engine, 'run', '-d', '--name', 'legacy-db', busyboxImage, 'sh', '-c', 'sleep 600');
    const envFile = join(siteDir, 'app.env');
    await writeFile(envFile, '\uFEFF# app settings\r\nFROM_FILE=yes\r\n\r\nURL=http://x/?a=b\r\n');
    const dialog = await openDialog();
    await field(dialog, 'Image').fill(busyboxImage);
    await field(dialog, 'Name').fill('with-env-file');
    await field(dialog, 'Command').fill('sh -c "sleep 600"');
    await field(dialog, 'Environment').fill('TYPED=1');
    await dialog.getByLabel('Env file', { exact: true }).setInputFiles(envFile);
    await dialog
      .getByRole('status', { name: 'Env file loaded' })
      .getByText('2 lines from app.env')
      .waitFor();
    expect(await field(dialog, 'Environment').inputValue()).toBe(
      'TYPED=1\nFROM_FILE=yes\nURL=http://x/?a=b',
    );
    // The rows editor and the text stay in sync, both ways.
    await dialog.getByRole('button', { name: 'Edit as rows', exact: true }).click();
    expect(await field(dialog, 'Variable 3 value').inputValue()).toBe('http://x/?a=b');
    await field(dialog, 'Variable 1 value').fill('one');
    await dialog.getByRole('button', { name: 'Remove variable 2', exact: true }).click();
    await dialog.getByRole('button', { name: 'Add variable', exact: true }).click();
    await field(dialog, 'Variable 3 name').fill('ADDED');
    await field(dialog, 'Variable 3 value').fill('in a row');
    expect(await field(dialog, 'Environment').inputValue()).toBe(
      'TYPED=one\nURL=http://x/?a=b\nADDED=in a row',
    );
    await field(dialog, 'Environment').fill(
      'TYPED=one\nURL=http://x/?a=b\nADDED=in a row\nLAST=typed',
    );
    expect(await field(dialog, 'Variable 4 name').inputValue()).toBe('LAST');
    // Links: bad input beside the field first.
    await field(dialog, 'Links').fill('a:b:c');
    await dialog.getByText('expected CONTAINER or CONTAINER:ALIAS').waitFor();
    await field(dialog, 'Links').fill('legacy-db:database');
    // A browser cannot pick a folder on the engine's machine: only the desktop has that button.
    expect(await dialog.getByRole('button', { name: 'Choose folder…' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
    expect(await dialog.getByLabel('docker command', { exact: true }).textContent()).toContain(
      '--link legacy-db:database',
    );
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });

    const info = await inspect('with-env-file');
    expect(info.Config.Env).toEqual(
      expect.arrayContaining(['TYPED=one', 'URL=http://x/?a=b', 'ADDED=in a row', 'LAST=typed']),
    );
    expect(info.Config.Env?.some((e) => e.startsWith('FROM_FILE='))).toBe(false); // removed as a row
    expect(info.HostConfig.Links).toEqual(['/legacy-db:/with-env-file/database']);
    expect(await docker(engine, 'exec', 'with-env-file', 'cat', '/etc/hosts')).toMatch(
      /\sdatabase(\s|$)/m,
    );
  });

  it('renames on the container page, and says when the CLI removed the container', async () => {
    await docker(engine, 'create', '--name', 'to-rename', busyboxImage);
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page
      .getByRole('grid', { name: 'Containers' })
      .getByRole('link', { name: 'Open to-rename', exact: true })
      .click();
    const containerPage = page.getByRole('main', { name: 'to-rename' });
    await containerPage.getByRole('tab', { name: 'Settings', exact: true }).click();
    await containerPage.getByLabel('New name', { exact: true }).fill('renamed');
    await containerPage.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('main', { name: 'renamed' }).waitFor({ timeout: 10_000 });
    expect(
      (
        await docker(engine, 'ps', '-a', '--format', '{{.Names}}', '--filter', 'name=^renamed$')
      ).trim(),
    ).toBe('renamed');

    await docker(engine, 'rm', 'renamed');
    await page
      .getByRole('alert')
      .filter({ hasText: 'This container is gone' })
      .waitFor({ timeout: 10_000 });
  });

  it("shows the engine's refusal in the dialog, leaving no container behind", async () => {
    await docker(engine, 'create', '--name', 'taken', busyboxImage);
    const dialog = await openDialog();
    await field(dialog, 'Image').fill(busyboxImage);
    await field(dialog, 'Name').fill('taken');
    // The list knows the name is taken: said beside the field, the engine not asked.
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await expect
      .poll(() => describedText(dialog, 'Name'), { timeout: 10_000 })
      .toContain('The name taken is taken by a container that was never started');
    expect(await dialog.getByRole('alert').count()).toBe(0);

    await field(dialog, 'Name').fill('no-folder');
    await field(dialog, 'Volumes').fill('/definitely/not/here:/x');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'bind source path does not exist' })
      .waitFor({ timeout: 10_000 });
    // The engine's own words sit in the disclosure; Berth's advice is its own sentence.
    await dialog.getByRole('alert').getByRole('button', { name: 'Details', exact: true }).waitFor();
    await dialog
      .getByRole('alert')
      .getByText('Create the folder first, or pick one that exists.')
      .waitFor();
    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=^no-folder$')).toBe('');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  });
});
