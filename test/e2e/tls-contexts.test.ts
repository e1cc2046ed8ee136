// The Engine page offers every Docker context on the machine. Three contexts
// the CLI made in a scratch DOCKER_CONFIG are rows of the grid "Engines": the
// current one (a plain unix socket), one over TLS (a real dockerd with
// --tlsverify in a network namespace), and one whose CA did not sign that
// engine's certificate (refused in words). "Use this engine" on the TLS one
// connects with the context's certificates, and its containers show. Then
// the same engine is added by the "Add engine" dialog from certificate files:
// a CA that did not sign it is refused in words, the right files add it with
// a CLI line that works when pasted, and, since no engine was shown, it is
// shown at once (the "Engine" combobox names it).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signIn } from '../helpers/browser.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { makeCa } from '../helpers/tls-certs.ts';
import { startTlsNode, type TlsNode } from '../helpers/tls-node.ts';
import { startWebApp, type WebApp } from '../helpers/web-app.ts';

const run = promisify(execFile);
/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;

let scratch: string;
let tls: TlsNode;
let dockerConfig: string;
let browser: Browser;
let page: Page;
let app: WebApp | undefined;
let rogueCa: string;

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_CONFIG: dockerConfig },
  });
  return stdout;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-tls-contexts-'));
  tls = await startTlsNode(scratch, 'shown-over-tls');
  dockerConfig = join(scratch, 'docker-config');
  await mkdir(dockerConfig);
  const f = tls.clientDir;
  await cli('context', 'create', 'plain', '--docker', `host=${tls.node.host}`);
  await cli(
    ...['context', 'create', 'secure', '--docker'],
    `host=${tls.url},ca=${f}/ca.pem,cert=${f}/cert.pem,key=${f}/key.pem`,
  );
  // The same engine, but verified against a CA that did not sign its certificate.
  const rogue = await makeCa(join(scratch, 'pki'), 'rogue');
  await cli(
    ...['context', 'create', 'untrusted', '--docker'],
    `host=${tls.url},ca=${rogue.caFile},cert=${f}/cert.pem,key=${f}/key.pem`,
  );
  await cli('context', 'use', 'plain');
  rogueCa = rogue.caFile;
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await app?.stop();
  await browser?.close();
  await tls?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/**
 * The browser face as a user whose Docker config is `config`, with nothing
 * else to find (no DOCKER_HOST, no well-known socket, no dockerd to start),
 * signed in on its Engine page.
 */
async function openApp(config: string): Promise<WebApp> {
  const opened = await startWebApp({
    dataDir: await mkdtemp(join(scratch, 'data-')),
    engine: 'auto',
    env: {
      HOME: scratch,
      DOCKER_HOST: '',
      DOCKER_CONTEXT: '',
      DOCKER_CONFIG: config,
      BERTH_NO_WELL_KNOWN_SOCKETS: '1',
      BERTH_DOCKERD: 'none',
    },
  });
  await signIn(page, opened.urlWithToken);
  await page.goto(`${opened.url}#/engine`);
  return opened;
}

describe('Docker contexts on the Engine page', () => {
  it('lists every context, refuses the untrusted one in words, and shows the TLS one’s containers once used', async () => {
    app = await openApp(dockerConfig);
    const engines = page.getByRole('grid', { name: 'Engines' });
    // The current context first, marked, and in use; the TLS one reachable beside it.
    await engines
      .getByRole('row', { name: 'Docker context plain (the current context) reachable in use' })
      .waitFor({ timeout: FOLLOW_MS });
    const secure = engines.getByRole('row', { name: /^Docker context secure reachable/ });
    await secure.waitFor({ timeout: FOLLOW_MS });
    expect(await secure.textContent()).toContain(tls.url);
    expect(await secure.textContent()).toContain('A context of your docker CLI');
    // A third context reaches the same engine with a CA that did not sign it: refused in words.
    const untrusted = engines.getByRole('row', { name: /^Docker context untrusted unreachable/ });
    expect(await untrusted.textContent()).toContain(
      `The engine at ${tls.url.slice('tcp://'.length)} is not trusted`,
    );

    await secure.getByRole('button', { name: 'Use this engine', exact: true }).click();
    await engines
      .getByRole('row', { name: 'Docker context secure reachable in use' })
      .waitFor({ timeout: FOLLOW_MS });
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: FOLLOW_MS });
    if (shots) await page.screenshot({ path: join(shots, 'tls-contexts.png'), fullPage: true });

    await page.goto(`${app.url}#/containers`);
    const truth = (await cli('--context', 'secure', 'ps', '-a', '--format', '{{.Names}}')).trim();
    expect(truth).toBe('shown-over-tls');
    await page
      .getByRole('grid', { name: 'Containers' })
      .getByRole('row', { name: new RegExp(truth) })
      .waitFor({ timeout: FOLLOW_MS });
  });

  it('adds the TLS engine by the Add engine dialog: a CA that did not sign it refused in words, then the right files; its CLI line, and, no engine being shown, its containers at once', async () => {
    // An app of its own whose user has no Docker context (the TLS one would be listed already),
    // and no engine found at all: the containers shown at the end can only come from the one added.
    await app?.stop();
    const emptyConfig = await mkdtemp(join(scratch, 'docker-config-empty-'));
    app = await openApp(emptyConfig);
    await page.getByRole('button', { name: 'Add engine' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add engine' });
    await dialog.getByRole('textbox', { name: 'Address' }).fill(tls.url);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Secure box');
    const f = tls.clientDir;
    await dialog.getByRole('textbox', { name: 'CA certificate' }).fill(rogueCa);
    await dialog.getByRole('textbox', { name: 'Client certificate' }).fill(`${f}/cert.pem`);
    await dialog.getByRole('textbox', { name: 'Client key' }).fill(`${f}/key.pem`);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    const where = tls.url.slice('tcp://'.length);
    await expect
      .poll(() => dialog.getByRole('alert').textContent(), { timeout: FOLLOW_MS })
      .toContain(`The engine at ${where} is not trusted`);
    expect(await dialog.getByRole('alert').textContent()).toContain(
      'the "CA certificate" you gave',
    );

    await dialog.getByRole('textbox', { name: 'CA certificate' }).fill(`${f}/ca.pem`);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: FOLLOW_MS });
    const row = page
      .getByRole('grid', { name: 'Engines' })
      .getByRole('row', { name: /Secure box/ });
    await row.waitFor({ timeout: FOLLOW_MS });
    if (shots) await page.screenshot({ path: join(shots, 'tls-added.png') });
    const line = /docker --context (\S+) ps/.exec((await row.textContent()) ?? '');
    expect(line).not.toBeNull();
    // The row's line, pasted into a real shell with this user's docker config.
    const pasted = await run('sh', ['-c', `${line![0]} -a --format '{{.Names}}'`], {
      env: { ...process.env, DOCKER_CONFIG: emptyConfig },
    });
    expect(pasted.stdout.trim()).toBe('shown-over-tls');

    // No engine was shown: the one added is shown at once.
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: FOLLOW_MS });
    await page.goto(`${app.url}#/containers`);
    await page
      .getByRole('grid', { name: 'Containers' })
      .getByRole('row', { name: /shown-over-tls/ })
      .waitFor({ timeout: FOLLOW_MS });
    await expect
      .poll(
        () =>
          page.getByRole('combobox', { name: 'Engine' }).locator('option:checked').textContent(),
        { timeout: FOLLOW_MS },
      )
      .toMatch(/^Secure box \(connected/);
  });
});
