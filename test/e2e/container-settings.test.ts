// The container page's Settings tab, driven by role and name: the
// configuration is shown, ports/env/volumes/restart are edited in CLI syntax
// and the container re-created after a confirm, bad input is stopped beside
// its field, and a failed re-create leaves the old container as it was.
import type { ContainerInspectInfo } from 'dockerode';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker, inspectContainer } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };

const serve = 'trap "exit 0" TERM; while true; do sleep 1; done';

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 1000 }));
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const inspect = (name: string) => inspectContainer(engine, name);

async function names(prefix: string): Promise<string[]> {
  return (await docker(engine, 'ps', '-a', '--format', '{{.Names}}'))
    .split('\n')
    .filter((n) => n.startsWith(prefix))
    .sort();
}

async function openSettings(name: string): Promise<Locator> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await page
    .getByRole('grid', { name: 'Containers' })
    .getByRole('link', { name: `Open ${name}`, exact: true })
    .click();
  const main = page.getByRole('main', { name });
  await main.getByRole('tab', { name: 'Settings', exact: true }).click();
  await main.getByLabel('Ports', { exact: true }).waitFor();
  return main;
}

async function runWeb(name: string, hostPort: number): Promise<ContainerInspectInfo> {
  await docker(
    engine,
    'run',
    '-d',
    '--name',
    name,
    '-p',
    `127.0.0.1:${hostPort}:80`,
    '-e',
    'MODE=one',
    '-l',
    'note=<b>not bold</b>',
    '-v',
    '/cache',
    busyboxImage,
    'sh',
    '-c',
    serve,
  );
  await docker(engine, 'exec', name, 'sh', '-c', 'echo kept > /cache/data');
  return inspect(name);
}

describe('Settings tab', () => {
  it('shows the configuration and re-creates with new ports and env after a confirm', async () => {
    const before = await runWeb('site', 18951);
    const main = await openSettings('site');
    const ports = main.getByLabel('Ports', { exact: true });
    const env = main.getByLabel('Environment', { exact: true });
    expect(await ports.inputValue()).toBe('127.0.0.1:18951:80/tcp');
    expect(await env.inputValue()).toBe('MODE=one');
    expect(await main.getByLabel('Volumes', { exact: true }).inputValue()).toBe('/cache');
    expect(await main.getByLabel('Restart policy', { exact: true }).inputValue()).toBe('no');
    const configuration = main.getByRole('region', { name: 'Configuration' });
    await configuration.getByText('note=<b>not bold</b>', { exact: true }).waitFor();
    expect(await configuration.locator('b').count()).toBe(0); // a label is text, never HTML

    await ports.fill('127.0.0.1:18952:80/tcp');
    await env.fill('MODE=two\nADDED=yes');
    await main.getByLabel('Restart policy', { exact: true }).selectOption('unless-stopped');
    await main.getByRole('button', { name: 'Show command', exact: true }).click();
    const command = await main.getByLabel('docker command', { exact: true }).textContent();
    expect(command).toContain('rename site site-old');
    expect(command).toContain('-p 127.0.0.1:18952:80/tcp');
    expect(command).toMatch(/^docker --context berth-[0-9a-f]{6} rename/); // the engine in use, not the CLI's default

    await main.getByRole('button', { name: 'Save and re-create', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Re-create site?' });
    await confirm.getByText(/New ports, environment, restart policy/).waitFor();
    await confirm.getByRole('button', { name: 'Re-create', exact: true }).click();

    // Done when a new container holds the name and the old one is gone (it is kept,
    // renamed, until the new one runs). Right after the click the old one still holds it.
    await expect
      .poll(async () => [await names('site'), (await inspect('site')).Id !== before.Id], {
        timeout: 30_000,
      })
      .toEqual([['site'], true]);
    const after = await inspect('site');
    expect(after.State.Running).toBe(true);
    expect(after.HostConfig.PortBindings['80/tcp']).toEqual([
      { HostIp: '127.0.0.1', HostPort: '18952' },
    ]);
    expect(after.Config.Env).toEqual(expect.arrayContaining(['MODE=two', 'ADDED=yes']));
    expect(after.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(after.Id).not.toBe(before.Id);
    expect((await docker(engine, 'exec', 'site', 'cat', '/cache/data')).trim()).toBe('kept');
    // The page follows the new container and shows its settings.
    await expect
      .poll(
        () =>
          page
            .getByRole('main', { name: 'site' })
            .getByLabel('Ports', { exact: true })
            .inputValue(),
        {
          timeout: 10_000,
        },
      )
      .toBe('127.0.0.1:18952:80/tcp');
    expect(page.url()).toContain(after.Id);
  });

  it('stops bad input beside its field and changes nothing', async () => {
    const before = await runWeb('picky', 18953);
    const main = await openSettings('picky');
    await main.getByLabel('Ports', { exact: true }).fill('99999:80');
    await main.getByLabel('Environment', { exact: true }).fill('no equals sign');
    await main.getByLabel('Volumes', { exact: true }).fill('relative/path');
    await main.getByText('host port 99999 is outside 1-65535').waitFor();
    await main.getByText('is not KEY=value').waitFor();
    await main
      .getByText(/give the folder's full path|must start with \//)
      .first()
      .waitFor();
    expect(await main.getByLabel('Ports', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(
      await main.getByRole('button', { name: 'Save and re-create', exact: true }).isDisabled(),
    ).toBe(true);
    await main.getByRole('button', { name: 'Undo changes', exact: true }).click();
    expect(await main.getByLabel('Ports', { exact: true }).inputValue()).toBe(
      '127.0.0.1:18953:80/tcp',
    );
    expect((await inspect('picky')).Id).toBe(before.Id);
  });

  it('changes nothing when the confirm is cancelled', async () => {
    const before = await runWeb('doubtful', 18954);
    const main = await openSettings('doubtful');
    await main.getByLabel('Environment', { exact: true }).fill('MODE=other');
    await main.getByRole('button', { name: 'Save and re-create', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Re-create doubtful?' });
    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    const after = await inspect('doubtful');
    expect(after.Id).toBe(before.Id);
    expect(after.Config.Env).toContain('MODE=one');
    expect(await main.getByLabel('Environment', { exact: true }).inputValue()).toBe('MODE=other');
  });

  it("shows the engine's refusal and keeps the old container running when the new one cannot start", async () => {
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'port-holder',
      '-p',
      '127.0.0.1:18956:80',
      busyboxImage,
      'httpd',
      '-f',
      '-p',
      '80',
    );
    const before = await runWeb('blocked', 18955);
    const main = await openSettings('blocked');
    await main.getByLabel('Ports', { exact: true }).fill('127.0.0.1:18956:80');
    await main.getByRole('button', { name: 'Save and re-create', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Re-create blocked?' })
      .getByRole('button', { name: 'Re-create', exact: true })
      .click();
    const alert = page.getByRole('main', { name: 'blocked' }).getByRole('alert');
    await alert.filter({ hasText: 'port is already allocated' }).waitFor({ timeout: 30_000 });
    await alert.filter({ hasText: 'blocked is back as it was' }).waitFor();
    const after = await inspect('blocked');
    expect(after.Id).toBe(before.Id);
    expect(after.State.Running).toBe(true);
    expect(await names('blocked')).toEqual(['blocked']);
    // What was typed is still there, to fix and try again.
    expect(
      await page
        .getByRole('main', { name: 'blocked' })
        .getByLabel('Ports', { exact: true })
        .inputValue(),
    ).toBe('127.0.0.1:18956:80');
  });
});
