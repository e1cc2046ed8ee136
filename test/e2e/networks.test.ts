// The Networks page in Chromium, driven by role and name, with `docker` as the
// truth: the tutorials' lesson (a user network `todo`, a web server and a
// shell on it, the shell reaching the server by name from its Terminal tab),
// a third container joined by Connect with an alias and reached by it, then
// Disconnect with Force, Remove refused while in use and done when free, and
// the container page's own networks with Connect and Disconnect.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { freeSubnets } from '../helpers/free-subnets.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let subnet: string;
let spareSubnet: string;
/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;
const shot = async (name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/networks-${name}.png` });
};

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
  [subnet, spareSubnet] = (await freeSubnets(2)) as [string, string];
  await docker(
    engine,
    'run',
    '-d',
    '--name',
    'third',
    busyboxImage,
    'sh',
    '-c',
    'echo third-page > /tmp/index.html && httpd -f -p 80 -h /tmp',
  );
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const field = (scope: Locator, name: string) => scope.getByLabel(name, { exact: true });
const button = (scope: Locator | Page, name: string) =>
  scope.getByRole('button', { name, exact: true });
const grid = () => page.getByRole('grid', { name: 'Networks' });
const row = (name: string) => grid().getByRole('row', { name: new RegExp(`^${name}, `) });

/** Polls `read` until `ok` holds of it, for FOLLOW_MS; the last value in the failure. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + FOLLOW_MS;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`Never held; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

const networksOf = async (container: string) =>
  JSON.parse(
    await docker(engine, 'inspect', '-f', '{{json .NetworkSettings.Networks}}', container),
  ) as Record<string, { Aliases: string[] | null; IPAddress: string }>;

async function openNetworks(): Promise<void> {
  await page.getByRole('link', { name: 'Networks', exact: true }).click();
  await grid().waitFor();
}

async function newContainer(name: string, command: string): Promise<void> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await button(page, 'New container').click();
  const dialog = page.getByRole('dialog', { name: 'New container' });
  await field(dialog, 'Image').fill(busyboxImage);
  await field(dialog, 'Name').fill(name);
  const more = button(dialog, 'More options');
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await field(dialog, 'Command').fill(command);
  await field(dialog, 'Network').selectOption('todo');
  await button(dialog, 'Create and start').click();
  await dialog.waitFor({ state: 'detached', timeout: FOLLOW_MS });
}

/** The text xterm exposes to screen readers. */
async function waitForText(region: Locator, text: string): Promise<void> {
  await eventually(
    () => region.locator('.xterm-accessibility-tree').evaluate((el) => el.textContent ?? ''),
    (screen) => screen.includes(text),
  );
}

async function typeLine(region: Locator, line: string): Promise<void> {
  await region.locator('textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function openTerminal(container: string): Promise<Locator> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await page
    .getByRole('grid', { name: 'Containers' })
    .getByRole('link', { name: `Open ${container}`, exact: true })
    .click();
  const main = page.getByRole('main', { name: container });
  await main.getByRole('tab', { name: 'Terminal', exact: true }).click();
  const region = main.getByRole('region', { name: 'Terminal 1', exact: true });
  await waitForText(region, '/ #');
  return region;
}

describe('Networks', () => {
  it('teaches the lesson: two containers on a user network reach each other by name', async () => {
    await openNetworks();
    // The engine's own networks stay: Remove says so and is off.
    await row('bridge').getByText('predefined').waitFor();
    expect(await button(row('bridge'), 'Remove').isDisabled()).toBe(true);

    await button(page, 'Create network').click();
    const dialog = page.getByRole('dialog', { name: 'Create network' });
    await field(dialog, 'Name').fill('todo');
    await field(dialog, 'Subnet').fill(subnet);
    await field(dialog, 'Gateway').fill('192.0.2.1');
    await dialog.getByText(`The gateway 192.0.2.1 is not inside the subnet ${subnet}`).waitFor();
    expect(await button(dialog, 'Create').isDisabled()).toBe(true);
    await field(dialog, 'Gateway').fill('');
    await button(dialog, 'Show command').click();
    expect(await dialog.getByLabel('docker command').innerText()).toMatch(
      new RegExp(`network create --subnet ${subnet.replace(/\./g, '\\.')} todo$`),
    );
    await button(dialog, 'Create').click();
    await dialog.waitFor({ state: 'detached' });
    await row('todo').waitFor();
    expect(
      await docker(engine, 'network', 'inspect', '-f', '{{json .IPAM.Config}}', 'todo'),
    ).toContain(subnet);

    // The same range again: the engine's words, and which network holds it.
    await button(page, 'Create network').click();
    await field(dialog, 'Name').fill('todo-again');
    await field(dialog, 'Subnet').fill(subnet);
    await button(dialog, 'Create').click();
    const refusal = dialog.getByRole('alert');
    await refusal.getByText('Pool overlaps with other one on this address space').first().waitFor();
    await shot('overlap');
    expect(await refusal.innerText()).toContain(`todo (${subnet})`);
    await button(dialog, 'Cancel').click();

    await newContainer(
      'web',
      'sh -c "echo hello-from-web > /tmp/index.html && httpd -f -p 80 -h /tmp"',
    );
    await newContainer('shell', 'sleep 600');
    expect(Object.keys(await networksOf('web'))).toEqual(['todo']);
    expect(Object.keys(await networksOf('shell'))).toEqual(['todo']);

    const terminal = await openTerminal('shell');
    await typeLine(terminal, 'wget -qO- http://web');
    await waitForText(terminal, 'hello-from-web');
  });

  it('connects a third container with an alias, reached by that alias', async () => {
    await openNetworks();
    await button(row('todo'), 'Connect').click();
    const dialog = page.getByRole('dialog', { name: 'Connect to todo' });
    await field(dialog, 'Container').selectOption('third');
    await field(dialog, 'Aliases').fill('api');
    await button(dialog, 'Connect').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await networksOf('third')).todo?.Aliases).toContain('api');
    // The row lists it with its address and alias (read from its inspect: the list has none).
    await row('todo')
      .getByText(/third 10\.[\d.]+ \(also api\)/)
      .waitFor();
    await shot('grid');
    // Its page lists each attached container with its address and aliases.
    await row('todo').getByRole('link', { name: 'Open todo', exact: true }).click();
    const attachedTable = page
      .getByRole('main', { name: 'todo' })
      .getByRole('table', { name: 'Attached containers' });
    await attachedTable.getByRole('row', { name: 'third' }).getByText('api').waitFor();
    expect(
      await attachedTable.getByRole('row', { name: 'web' }).getByRole('cell').nth(1).innerText(),
    ).toBe((await networksOf('web')).todo!.IPAddress);
    await shot('network-page');

    const terminal = await openTerminal('shell');
    await typeLine(terminal, 'wget -qO- http://api');
    await waitForText(terminal, 'third-page');
  });

  it('disconnects with Force, refuses removing a network in use, removes a free one', async () => {
    await openNetworks();
    await button(row('todo'), 'Disconnect').click();
    const leave = page.getByRole('dialog', { name: /^Disconnect a container from todo/ });
    await field(leave, 'Container').selectOption('third');
    await leave.getByRole('checkbox', { name: 'Force' }).check();
    await button(leave, 'Show command').click();
    expect(await leave.getByLabel('docker command').innerText()).toMatch(
      /network disconnect --force todo third$/,
    );
    await button(leave, 'Disconnect').click();
    await leave.waitFor({ state: 'detached' });
    await eventually(
      () => networksOf('third'),
      (n) => !('todo' in n),
    );

    await button(row('todo'), 'Remove').click();
    const remove = page.getByRole('dialog', { name: 'Remove network todo?' });
    await button(remove, 'Remove').click();
    const alert = remove.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/containers shell, web are attached/);
    await button(alert, 'Details').click();
    await alert.getByText(/active endpoints/).waitFor();
    await shot('remove-in-use');
    await button(remove, 'Cancel').click();
    expect(await docker(engine, 'network', 'ls', '--format', '{{.Name}}')).toContain('todo');

    await docker(engine, 'network', 'create', '--subnet', spareSubnet, 'spare');
    await button(row('spare'), 'Remove').click();
    await button(page.getByRole('dialog', { name: 'Remove network spare?' }), 'Remove').click();
    await row('spare').waitFor({ state: 'detached' });
    expect(await docker(engine, 'network', 'ls', '--format', '{{.Name}}')).not.toContain('spare');
  });

  it('lists a container page networks, joins one with Connect and leaves with Disconnect', async () => {
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page
      .getByRole('grid', { name: 'Containers' })
      .getByRole('link', { name: 'Open third', exact: true })
      .click();
    const main = page.getByRole('main', { name: 'third' });
    const list = main.getByRole('list', { name: 'Networks of third' });
    await list.getByRole('listitem', { name: 'bridge' }).waitFor();
    await button(main, 'Connect').click();
    const join = page.getByRole('dialog', { name: 'Connect third to a network' });
    await field(join, 'Network').selectOption('todo');
    await button(join, 'Connect').click();
    await join.waitFor({ state: 'detached' });
    await list.getByRole('listitem', { name: 'todo' }).waitFor();
    await shot('container-page');
    expect(Object.keys(await networksOf('third')).sort()).toEqual(['bridge', 'todo']);

    await button(list.getByRole('listitem', { name: 'todo' }), 'Disconnect').click();
    const leave = page.getByRole('dialog', { name: 'Disconnect third from todo' });
    await button(leave, 'Disconnect').click();
    await list.getByRole('listitem', { name: 'todo' }).waitFor({ state: 'detached' });
    expect(Object.keys(await networksOf('third'))).toEqual(['bridge']);
  });
});
