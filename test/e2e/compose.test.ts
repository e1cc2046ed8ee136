// The tutorial's Compose lesson through the browser face: a project with a
// web service (busybox httpd) and a database stand-in (a loop that logs),
// both local images, brought up with Open project, scaled to three web
// replicas, read in merged logs and brought down; `docker ps -a` filtered by
// the project label (the 28.x CLI) is the truth at each step. Then the bad
// inputs: a compose file with an error, and a hostile name and path.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker } from '../helpers/managed-engine.ts';
import { dockerConfigDir, startWebApp, type WebApp } from '../helpers/web-app.ts';

const run = promisify(execFile);
let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let base: string;

/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;

// Each command traps SIGTERM, so a stop takes a moment rather than the engine's 10 s.
// The web service is built from a local base image (\`up --build\`, as the tutorial does); the
// database is a local image.
const tutorial = `services:
  web:
    build: ./web
    image: berth-e2e-compose/web:1
    command: ["sh", "-c", "trap 'exit 0' TERM; echo web listening on 80; httpd -f -v -p 80 -h /var/www & wait $$!"]
  db:
    image: berth-e2e-compose/db:1
    command: ["sh", "-c", "trap 'exit 0' TERM; i=0; while true; do echo db tick $$i; i=$$((i+1)); sleep 1 & wait $$!; done"]
    volumes: ["db-data:/data"]
volumes:
  db-data: {}
`;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
  await docker(engine, 'tag', busyboxImage, 'berth-e2e-compose/db:1');
  base = await mkdtemp(join(tmpdir(), 'berth-e2e-compose-'));
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
  if (base) await rm(base, { recursive: true, force: true });
});

async function composeFile(folder: string, text: string): Promise<string> {
  const dir = join(base, folder);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'compose.yml'), text);
  return join(dir, 'compose.yml');
}

/** `docker ps -a` of the project, `NAME STATE` sorted. */
async function projectPs(project: string): Promise<string[]> {
  const out = await docker(
    engine,
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--format',
    '{{.Names}} {{.State}}',
  );
  return out.split('\n').filter(Boolean).sort();
}

const states = async (project: string, service: string) =>
  (await projectPs(project))
    .filter((line) => new RegExp(`^${project}[-_]${service}[-_]\\d+ `).test(line))
    .map((line) => line.split(' ')[1]);

async function openProjectDialog(): Promise<Locator> {
  await page.getByRole('link', { name: 'Projects', exact: true }).click();
  await page.getByRole('main', { name: 'Projects' }).waitFor();
  await page.getByRole('button', { name: 'Open project', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Open project' });
  await dialog.waitFor();
  return dialog;
}

async function shot(name: string): Promise<void> {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
}

describe('Compose projects', () => {
  it('brings the tutorial project up, scales web to three, reads merged logs and brings it down', async () => {
    const file = await composeFile('todo', tutorial);
    await mkdir(join(base, 'todo', 'web'));
    await writeFile(
      join(base, 'todo', 'web', 'Dockerfile'),
      `FROM ${busyboxImage}\nRUN mkdir -p /var/www && echo built by compose > /var/www/index.html\n`,
    );
    const dialog = await openProjectDialog();
    await dialog.getByLabel('Compose file', { exact: true }).fill(file);
    await dialog.getByRole('checkbox', { name: 'Build images first (--build)' }).check();
    await expect
      .poll(() => dialog.getByLabel('Project name', { exact: true }).getAttribute('placeholder'))
      .toBe('todo');
    await dialog.getByRole('button', { name: 'Up', exact: true }).click();
    await dialog.getByRole('status', { name: 'Compose finished' }).waitFor({ timeout: 60_000 });
    await expect
      .poll(() => projectPs('todo'), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(/^todo[-_]db[-_]1 running$/),
        expect.stringMatching(/^todo[-_]web[-_]1 running$/),
      ]);
    // Built by this Up from its Dockerfile, not found ready-made.
    const web = await docker(
      engine,
      'ps',
      '-q',
      '--filter',
      'label=com.docker.compose.service=web',
    );
    expect(await docker(engine, 'exec', web.trim(), 'cat', '/var/www/index.html')).toBe(
      'built by compose\n',
    );
    await shot('compose-open-project');
    await dialog.getByRole('link', { name: 'Go to todo' }).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    // The project's group in the Containers grid links to its page.
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page
      .getByRole('grid', { name: 'Containers' })
      .getByRole('link', { name: 'todo', exact: true })
      .click();

    const main = page.getByRole('main', { name: 'todo' });
    const services = main.getByRole('grid', { name: 'Services' });
    await services.getByRole('row', { name: 'web, 1 of 1 running' }).waitFor();
    await services.getByRole('row', { name: 'db, 1 of 1 running' }).waitFor();
    // What Compose made beside the containers, from the live networks and volumes lists.
    await main
      .getByRole('grid', { name: 'Project networks' })
      .getByRole('row', { name: 'todo_default' })
      .waitFor();
    await main
      .getByRole('grid', { name: 'Project volumes' })
      .getByRole('row', { name: 'todo_db-data' })
      .waitFor();

    // Scale: three web replicas, the database untouched.
    await main.getByRole('button', { name: 'Scale', exact: true }).click();
    const scale = page.getByRole('dialog', { name: 'Scale' });
    await scale.getByLabel('Service', { exact: true }).selectOption('web');
    await scale.getByLabel('Replicas', { exact: true }).fill('3');
    await scale.getByRole('button', { name: 'Scale', exact: true }).click();
    await main.getByRole('status', { name: 'Compose finished' }).waitFor({ timeout: 60_000 });
    await expect
      .poll(() => states('todo', 'web'), { timeout: 20_000 })
      .toEqual(['running', 'running', 'running']);
    expect(await states('todo', 'db')).toEqual(['running']);
    await services.getByRole('row', { name: 'web, 3 of 3 running' }).waitFor();

    // Merged logs: lines of both services, each prefixed by its container's service and number.
    const logs = main.getByRole('log', { name: 'Logs of todo' });
    const lines = logs.getByRole('grid', { name: 'Log lines' });
    await expect
      .poll(async () => (await lines.getByRole('row').allTextContents()).join('\n'), {
        timeout: 20_000,
      })
      .toMatch(/web-3\s*web listening on 80/);
    const text = (await lines.getByRole('row').allTextContents()).join('\n');
    expect(text).toMatch(/db-1\s*db tick \d+/);
    expect(text).toMatch(/web-1\s*web listening on 80/);
    await shot('compose-project-page');

    // Stop and start without the CLI: the engine API, container by container.
    await main.getByRole('button', { name: 'Stop project', exact: true }).click();
    await expect
      .poll(async () => (await projectPs('todo')).every((l) => l.endsWith(' exited')), {
        timeout: 30_000,
      })
      .toBe(true);
    await main.getByRole('button', { name: 'Start project', exact: true }).click();
    await expect
      .poll(async () => (await projectPs('todo')).every((l) => l.endsWith(' running')), {
        timeout: 30_000,
      })
      .toBe(true);

    const startedAt = async () => {
      const db = await docker(
        engine,
        'ps',
        '-aq',
        '--filter',
        'label=com.docker.compose.project=todo',
        '--filter',
        'label=com.docker.compose.service=db',
      );
      return docker(engine, 'inspect', '--format', '{{.State.StartedAt}}', db.trim());
    };
    const before = await startedAt();
    await main.getByRole('button', { name: 'Restart project', exact: true }).click();
    await expect.poll(startedAt, { timeout: 30_000 }).not.toBe(before);

    // Down with its volumes, confirmed: nothing of the project is left.
    await main.getByRole('button', { name: 'Down', exact: true }).click();
    const down = page.getByRole('dialog', { name: 'Down todo?' });
    await down.getByRole('checkbox', { name: /Also remove its volumes/ }).check();
    await down.getByRole('button', { name: 'Down', exact: true }).click();
    await expect.poll(() => projectPs('todo'), { timeout: 60_000 }).toEqual([]);
    const label = 'label=com.docker.compose.project=todo';
    await expect.poll(() => docker(engine, 'volume', 'ls', '-q', '--filter', label)).toBe('');
    await expect.poll(() => docker(engine, 'network', 'ls', '-q', '--filter', label)).toBe('');
    await main.getByRole('status', { name: 'No containers' }).waitFor();
  });

  it("shows the CLI's own message for a compose file with an error, and that nothing started", async () => {
    const file = await composeFile(
      'broken',
      'services:\n  web:\n    image: berth-e2e-compose/web:1\n    ports: {bad: [}\n',
    );
    const dialog = await openProjectDialog();
    await dialog.getByLabel('Compose file', { exact: true }).fill(file);
    await dialog.getByRole('button', { name: 'Up', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    await expect.poll(() => alert.textContent()).toMatch(/yaml|while parsing/i);
    expect(await alert.textContent()).toMatch(/Nothing of broken was started/);
    expect(await projectPs('broken')).toEqual([]);
    await shot('compose-broken-file');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('refuses a hostile project name, and shows a command for a hostile path that is safe to paste', async () => {
    const folder = `it's $(touch pwned) ;x`;
    const file = await composeFile(
      folder,
      'services:\n  hostileweb:\n    image: berth-e2e-compose/web:1\n',
    );
    const dialog = await openProjectDialog();
    await dialog.getByLabel('Compose file', { exact: true }).fill(file);
    const name = dialog.getByLabel('Project name', { exact: true });
    await name.fill('a;id');
    await dialog.getByRole('button', { name: 'Up', exact: true }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('progressbar').count()).toBe(0);

    await name.fill('hostile');
    await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
    const line = (await dialog.getByLabel('docker command').textContent())!;
    expect(line).toContain(`'${base}/it'\\''s $(touch pwned) ;x/compose.yml'`);
    // Pasted into a shell, it reads that file: `config --services` instead of `up -d`.
    const check = line.replace(/ up -d$/, ' config --services');
    const { stdout } = await run('bash', ['-c', check], {
      cwd: base,
      env: { ...process.env, DOCKER_CONFIG: dockerConfigDir(dataDir) },
    });
    expect(stdout.trim()).toBe('hostileweb');
    await expect(run('test', ['-e', join(base, 'pwned')])).rejects.toThrow();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('without a Compose CLI, says how to get one and still stops the project, its CLI actions off', async () => {
    // A project made by hand, as Compose labels it, and a second app on the same engine
    // whose PATH has the docker CLI (no compose plugin) and no docker-compose.
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'manual_web_1',
      '--label',
      'com.docker.compose.project=manual',
      '--label',
      'com.docker.compose.service=web',
      '--label',
      'com.docker.compose.container-number=1',
      '--label',
      `com.docker.compose.project.config_files=${join(base, 'manual/compose.yml')}`,
      busyboxImage,
      'sh',
      '-c',
      "trap 'exit 0' TERM; sleep 600 & wait $!",
    );
    const bin = join(base, 'bin-without-compose');
    await mkdir(bin);
    const dockerCli = (await run('sh', ['-c', 'command -v docker'])).stdout.trim();
    await symlink(dockerCli, join(bin, 'docker'));
    const bareDir = await mkdtemp(join(tmpdir(), 'berth-e2e-compose-bare-'));
    const bare = await startWebApp({
      dataDir: bareDir,
      engine: engine.endpoint,
      env: { PATH: bin },
    });
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await other.goto(`${bare.urlWithToken}#/projects/manual`);
      const main = other.getByRole('main', { name: 'manual' });
      const note = main.getByRole('note');
      await expect.poll(() => note.textContent(), { timeout: 30_000 }).toMatch(/No Compose CLI/);
      expect(await note.textContent()).toMatch(/apt install docker-compose/);
      for (const name of ['Up', 'Down', 'Scale']) {
        expect(await main.getByRole('button', { name, exact: true }).isDisabled()).toBe(true);
      }
      if (shots) await other.screenshot({ path: join(shots, 'compose-no-cli.png') });
      await main.getByRole('button', { name: 'Stop project', exact: true }).click();
      await expect
        .poll(() => projectPs('manual'), { timeout: 30_000 })
        .toEqual(['manual_web_1 exited']);
    } finally {
      await other.close();
      await bare.stop();
      await rm(bareDir, { recursive: true, force: true });
    }
  });
});
