// Row actions in the browser face, each checked with the docker CLI, and a
// failure shown in the engine's words.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker } from '../helpers/managed-engine.ts';
import { dockerConfigDir, type WebApp } from '../helpers/web-app.ts';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';

const sh = promisify(execFile);
let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession());
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const grid = () => page.getByRole('grid', { name: 'Containers' });
const row = (name: string) => grid().getByRole('row', { name: new RegExp(`^${name} `) });
const click = (name: string, button: string) =>
  row(name).getByRole('button', { name: button, exact: true }).click();
const state = async (name: string) =>
  (await docker(engine, 'inspect', '--format', '{{.State.Status}}', name)).trim();
/** A main process that exits on SIGTERM, so Stop is quick. */
const politeCommand = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];

async function rowSays(name: string, pattern: RegExp): Promise<void> {
  await grid()
    .getByRole('row', { name: new RegExp(`^${name} ${pattern.source}`) })
    .waitFor({ timeout: 15_000 });
}

describe('row actions', () => {
  it('start, pause, resume, restart, stop and kill, as the CLI sees them', async () => {
    await docker(engine, 'create', '--name', 'acts', busyboxImage, ...politeCommand);
    await click('acts', 'Start');
    await rowSays('acts', /Up/);
    expect(await state('acts')).toBe('running');

    await click('acts', 'Pause');
    await rowSays('acts', /Up .*\(Paused\)/);
    expect(await state('acts')).toBe('paused');

    await click('acts', 'Resume');
    await row('acts').getByRole('button', { name: 'Pause', exact: true }).waitFor();
    expect(await state('acts')).toBe('running');

    const started = await docker(engine, 'inspect', '--format', '{{.State.StartedAt}}', 'acts');
    await click('acts', 'Restart');
    await expect
      .poll(() => docker(engine, 'inspect', '--format', '{{.State.StartedAt}}', 'acts'), {
        timeout: 15_000,
      })
      .not.toBe(started);
    await rowSays('acts', /Up/);

    await click('acts', 'Stop');
    // Every click shows its command; run it as a user would (with the app's own context).
    const shown = page.getByRole('region', { name: 'Last command' }).locator('code');
    await expect
      .poll(() => shown.textContent())
      .toMatch(/^docker --context berth-[0-9a-f]{6} stop acts$/);
    await rowSays('acts', /Exited \(0\)/);
    expect(await state('acts')).toBe('exited');

    await click('acts', 'Start');
    await rowSays('acts', /Up/);
    await click('acts', 'Kill');
    await rowSays('acts', /Exited \(137\)/);
    await click('acts', 'Start');
    await rowSays('acts', /Up/);
    await sh('sh', ['-c', (await shown.textContent())!.replace(' start ', ' stop ')], {
      env: { ...process.env, DOCKER_CONFIG: dockerConfigDir(dataDir) },
    });
    await rowSays('acts', /Exited \(0\)/);
  });

  it('asks before removing, forces a running container, and the row goes', async () => {
    await docker(engine, 'run', '-d', '--name', 'doomed', busyboxImage, ...politeCommand);
    await rowSays('doomed', /Up/);
    await click('doomed', 'Remove');
    const dialog = page.getByRole('dialog', { name: 'Remove container' });
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await state('doomed')).toBe('running');

    await click('doomed', 'Remove');
    await dialog.getByRole('checkbox', { name: 'Also remove anonymous volumes' }).check();
    await dialog.getByRole('button', { name: 'Force remove container', exact: true }).click();
    await row('doomed').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=^doomed$')).toBe('');
  });

  it("shows a failed start in the engine's words, with what to do", async () => {
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'holder',
      '-p',
      '127.0.0.1:18766:80',
      busyboxImage,
      'httpd',
      '-f',
      '-p',
      '80',
    );
    await docker(
      engine,
      'create',
      '--name',
      'blocked',
      '-p',
      '127.0.0.1:18766:80',
      busyboxImage,
      'httpd',
      '-f',
      '-p',
      '80',
    );
    await click('blocked', 'Start');
    const alert = page.getByRole('alert').filter({ hasText: "Couldn't start blocked" });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/port is already allocated|address already in use/);
    expect(await alert.textContent()).toContain('give this container another port');
    await alert.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await state('blocked')).toBe('created');
  });
});
