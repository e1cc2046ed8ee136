// Remote engines in the browser face: add an engine over ssh:// with the
// "Add engine" dialog (the host key trusted from "Trust this host?"), switch
// to it and back with the sidebar's "Engine" combobox, and a changed host key
// refused loudly. The app runs as a user whose HOME and SSH agent are the
// test's (ssh-home.ts); the engine shown at first is another node's, given
// with --engine, and the remote one is a node with sshd.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signIn } from '../helpers/browser.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { ENGINE_MS, FOLLOW_MS, testTimeout } from '../helpers/deadlines.ts';
import { nodeDocker, startNodes, type NodeCluster } from '../helpers/netns-nodes.ts';
import { makeSshHome, type SshHome } from '../helpers/ssh-home.ts';
import { startSshd, type SshdNode } from '../helpers/sshd-node.ts';
import { startWebApp, type WebApp } from '../helpers/web-app.ts';

const run = promisify(execFile);
/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;

let cluster: NodeCluster;
let sshd: SshdNode;
let user: SshHome;
let app: WebApp;
let browser: Browser;
let page: Page;

const local = () => cluster.nodes[0]!;
const remote = () => cluster.nodes[1]!;
const shot = async (name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
};

beforeAll(async () => {
  cluster = await startNodes({ count: 2 });
  await Promise.all(cluster.nodes.map((n) => ensureBusyboxImage(n.host)));
  sshd = await startSshd(remote());
  user = await makeSshHome(sshd);
  await nodeDocker(local(), 'create', '--name', 'near-by', busyboxImage, 'true');
  await nodeDocker(remote(), 'create', '--name', 'far-away', busyboxImage, 'true');
  app = await startWebApp({
    dataDir: await mkdtemp(join(tmpdir(), 'berth-remote-e2e-')),
    engine: local().host,
    env: user.appEnv,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, app.urlWithToken);
  await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: ENGINE_MS });
}, ENGINE_MS * 3);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await user?.stop();
  await sshd?.stop();
  await cluster?.stop();
});

describe('remote engines in the browser', () => {
  it(
    'adds an ssh:// engine after trusting its host key, and switches to it and back',
    async () => {
      await page.goto(`${app.url}#/engine`);
      await page.getByRole('button', { name: 'Add engine' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add engine' });
      await dialog.getByRole('textbox', { name: 'Address' }).fill(sshd.url);
      await dialog.getByRole('textbox', { name: 'Name' }).fill('Build box');
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();

      const trust = page.getByRole('dialog', { name: 'Trust this host?' });
      await trust.waitFor({ timeout: FOLLOW_MS });
      const keygen = (await run('ssh-keygen', ['-lf', join(remote().dir, 'ssh', 'host_key.pub')]))
        .stdout;
      const [bits, fingerprint] = keygen.split(' ');
      await expect
        .poll(() => trust.getByLabel('Fingerprint').textContent())
        .toBe(`${bits} ${fingerprint} (ED25519)`);
      await expect.poll(() => trust.textContent()).toContain(remote().address);
      await expect.poll(() => trust.textContent()).toContain('ssh-ed25519');
      await shot('remote-trust-host');
      await trust.getByRole('button', { name: 'Trust and connect' }).click();
      await dialog.waitFor({ state: 'detached', timeout: FOLLOW_MS });

      const row = page
        .getByRole('grid', { name: 'Engines' })
        .getByRole('row', { name: /Build box/ });
      await row.waitFor({ timeout: FOLLOW_MS });
      const cliLine = `docker -H ${sshd.url} ps`;
      await expect.poll(() => row.textContent()).toContain(cliLine);
      // The line the row shows, pasted into a real shell as this user.
      const pasted = await run('sh', ['-c', `${cliLine} -a --format '{{.Names}}'`], {
        env: { ...process.env, ...user.env, PATH: `${join(user.home, 'bin')}:${process.env.PATH}` },
      });
      expect(pasted.stdout.trim()).toBe('far-away');
      await row.getByRole('button', { name: 'Remove engine' }).waitFor();
      await shot('remote-engine-page');

      const switcher = page.getByRole('combobox', { name: 'Engine' });
      await switcher.selectOption(sshd.url);
      await page.goto(`${app.url}#/containers`);
      const containers = page.getByRole('grid', { name: 'Containers' });
      await containers.getByRole('row', { name: /^far-away / }).waitFor({ timeout: FOLLOW_MS });
      expect(await containers.getByRole('row', { name: /^near-by / }).count()).toBe(0);
      await expect
        .poll(() => switcher.locator('option:checked').textContent(), { timeout: FOLLOW_MS })
        .toMatch(/^Build box \(connected, \d+ ms\)$/);
      await shot('remote-containers');

      await switcher.selectOption(local().host);
      await containers.getByRole('row', { name: /^near-by / }).waitFor({ timeout: FOLLOW_MS });
      expect(await containers.getByRole('row', { name: /^far-away / }).count()).toBe(0);
      // The remote engine stays connected, and says so in the switcher.
      await expect
        .poll(() => switcher.locator(`option[value="${sshd.url}"]`).textContent())
        .toMatch(/connected/);
    },
    testTimeout(FOLLOW_MS, FOLLOW_MS, FOLLOW_MS, FOLLOW_MS, FOLLOW_MS),
  );

  it(
    'says loudly that a host key changed, naming known_hosts, and offers no trust',
    async () => {
      await sshd.restart({ newHostKey: true });
      await page.goto(`${app.url}#/engine`);
      await page.getByRole('button', { name: 'Add engine' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add engine' });
      const address = dialog.getByRole('textbox', { name: 'Address' });
      // tcp:// asks for certificates, and warns before plain TCP.
      await address.fill(`tcp://${remote().address}:2375`);
      for (const field of ['CA certificate', 'Client certificate', 'Client key'])
        await dialog.getByRole('textbox', { name: field }).waitFor();
      await dialog.getByRole('checkbox', { name: 'Connect without TLS' }).waitFor();
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await expect
        .poll(() => dialog.getByRole('alert').textContent(), { timeout: FOLLOW_MS })
        .toContain('plain TCP');
      await shot('remote-add-tcp');
      // The same host under another address: a new SSH session sees the new key.
      await address.fill(`${sshd.url}:22`);
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      const alert = dialog.getByRole('alert');
      await alert.waitFor({ timeout: FOLLOW_MS });
      const text = (await alert.textContent()) ?? '';
      expect(text).toMatch(/host key has changed/i);
      expect(text).toContain('attack');
      expect(text).toContain(user.knownHosts);
      expect(text).toMatch(/line 1\b/);
      expect(await page.getByRole('button', { name: 'Trust and connect' }).count()).toBe(0);
      await shot('remote-key-changed');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    },
    testTimeout(ENGINE_MS, FOLLOW_MS),
  );
});
