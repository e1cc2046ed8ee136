// The VM image on its own, booted once under QEMU (TCG): its manifest, the
// guest's markers in order, dockerd's API over TLS only with a client
// certificate, containers refused that API wherever they look for it, and a
// clean power-off from QMP. The kernel's boot to the guest
// init is printed as the bench's baseline.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { copyFile, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleMarker,
  fwCfg,
  guestApiPort,
  guestSteps,
  initStartedMarker,
} from '../../electron/engine/vm/guest-contract.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { clientPem, makeVmTls, type TlsPem } from '../helpers/vm-tls.ts';
import { qmpCommand, startQemu, type QemuRun } from '../helpers/vm-qemu.ts';

const bootMs = 6 * 60_000;
const powerOffMs = 90_000;

interface Manifest {
  version: string;
  arch: string;
  packages: { name: string; version: string; arch: string }[];
  outputs: Record<string, { sha256: string; bytes: number }>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** GET /_ping over TLS; resolves with the body, rejects with the TLS or socket error. */
function ping(port: number, tls: Partial<TlsPem> & { ca: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/_ping', ...tls, timeout: 20_000, agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(`${res.statusCode} ${body}`));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')));
    req.on('error', reject);
    req.end();
  });
}

const execFileAsync = promisify(execFile);

/** A host listener the guest reaches at 10.0.2.2:port: proof that a refusal is the guard's. */
function hostGreeter(): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end('hello from the host\n'));
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ port, close: () => server.close() });
    });
  });
}

const imageDir = process.env.BERTH_VM_IMAGE_DIR ?? '';
let dir = '';
let qemu: QemuRun | undefined;
let apiPort = 0;
let client: TlsPem;
/** A client certificate from another CA: dockerd must refuse it too. */
let stranger: TlsPem;

beforeAll(async () => {
  expect(imageDir, 'the vm layer global setup sets BERTH_VM_IMAGE_DIR').not.toBe('');
  dir = await mkdtemp(join(tmpdir(), 'berth-vm-image-'));
  const tls = await makeVmTls(dir);
  client = await clientPem(tls);
  await mkdir(join(dir, 'other-ca'));
  stranger = await clientPem(await makeVmTls(join(dir, 'other-ca')));
  apiPort = await freePort();
  await writeFile(join(dir, 'api-port'), String(apiPort));
  await writeFile(join(dir, 'data.img'), '');
  await truncate(join(dir, 'data.img'), 2 * 1024 ** 3);
});

afterAll(async () => {
  qemu?.kill();
  await qemu?.exited;
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the VM image', () => {
  it('names every Debian package it was built from, with its version, and its outputs', async () => {
    const manifest = JSON.parse(
      await readFile(join(imageDir, 'manifest.json'), 'utf8'),
    ) as Manifest;
    expect(manifest.arch).toBe('amd64');
    expect(manifest.version).toBe(
      (await readFile(new URL('../../native/vm/VERSION', import.meta.url), 'utf8')).trim(),
    );
    const versions = new Map(manifest.packages.map((p) => [p.name, p.version]));
    expect(versions.get('docker.io')).toMatch(/^20\.10\./);
    for (const name of ['containerd', 'runc', 'tini', 'busybox-static', 'iptables', 'e2fsprogs'])
      expect(versions.get(name), name).toMatch(/^\S+$/);
    expect([...versions.keys()].some((name) => /^linux-image-\d/.test(name))).toBe(true);
    for (const file of ['vmlinuz', 'initramfs.img']) {
      const bytes = await readFile(join(imageDir, file));
      expect(manifest.outputs[file]).toEqual({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.byteLength,
      });
    }
  });

  it(
    'boots under TCG through every step to ready',
    async () => {
      qemu = startQemu({
        imageDir,
        dir,
        disk: join(dir, 'data.img'),
        fwCfg: {
          [fwCfg.caCert]: join(dir, 'ca.pem'),
          [fwCfg.serverCert]: join(dir, 'server-cert.pem'),
          [fwCfg.serverKey]: join(dir, 'server-key.pem'),
          [fwCfg.hostApiPort]: join(dir, 'api-port'),
        },
        hostfwd: [{ host: apiPort, guest: guestApiPort }],
        lifetimeMs: bootMs + powerOffMs + 120_000,
      });
      const toInit = await qemu.waitForConsole(initStartedMarker, bootMs);
      console.log(`VM: QEMU start to "${initStartedMarker}": ${(toInit / 1000).toFixed(1)} s`);
      const toReady = await qemu.waitForConsole(`${consoleMarker}ready`, bootMs);
      console.log(`VM: QEMU start to "${consoleMarker}ready": ${(toReady / 1000).toFixed(1)} s`);

      const log = await readFile(qemu.consolePath, 'utf8');
      const markers = log
        .split('\n')
        .map((line) => line.slice(line.indexOf(consoleMarker)))
        .filter((line) => line.startsWith(consoleMarker))
        .map((line) => line.slice(consoleMarker.length).trim());
      expect(markers).toEqual(['init started', ...guestSteps]);
    },
    bootMs * 2,
  );

  it('answers /_ping over TLS only to a client certificate from its CA', async () => {
    expect(await ping(apiPort, client)).toBe('200 OK');
    // Go's TLS server answers a missing or foreign client certificate with an alert.
    const refused = /alert bad certificate|alert certificate required|alert unknown ca/i;
    await expect(ping(apiPort, { ca: client.ca })).rejects.toThrow(refused);
    await expect(
      ping(apiPort, { ca: client.ca, cert: stranger.cert, key: stranger.key }),
    ).rejects.toThrow(refused);
  });

  it('refuses containers the engine API, on the bridge and on the host network', async () => {
    // The docker CLI (first on PATH) as the independent client, with the test's client certificate.
    const certs = join(dir, 'docker-certs');
    await mkdir(certs);
    await copyFile(join(dir, 'ca.pem'), join(certs, 'ca.pem'));
    await copyFile(join(dir, 'client-cert.pem'), join(certs, 'cert.pem'));
    await copyFile(join(dir, 'client-key.pem'), join(certs, 'key.pem'));
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = certs;
    const host = `tcp://127.0.0.1:${apiPort}`;
    const greeter = await hostGreeter();
    try {
      await ensureBusyboxImage(host);
      const targets = [
        `10.0.2.2 ${apiPort}`, // the host's forward of the API
        `10.0.2.15 ${guestApiPort}`, // the guest's own address
        `172.17.0.1 ${guestApiPort}`, // the bridge's gateway
        `127.0.0.1 ${guestApiPort}`,
      ];
      const probe = [...targets, `10.0.2.2 ${greeter.port}`]
        .map((t) => `echo "${t}: $(nc -w 5 ${t} </dev/null 2>&1 || echo refused)"`)
        .join('; ');
      for (const network of ['bridge', 'host']) {
        const { stdout } = await execFileAsync('docker', [
          ...['-H', host, 'run', '--rm', '--network', network, busyboxImage, 'sh', '-c', probe],
        ]);
        const lines = stdout.trim().split('\n');
        // On the bridge, 127.0.0.1 is the container itself: nothing listens there.
        for (const target of targets)
          expect(lines, `${network}: ${target}`).toContainEqual(
            expect.stringMatching(new RegExp(`^${target}: .*(refused|Connection refused)`)),
          );
        expect(lines, `${network}: the host listener`).toContain(
          `10.0.2.2 ${greeter.port}: hello from the host`,
        );
      }
    } finally {
      greeter.close();
      delete process.env.DOCKER_TLS_VERIFY;
      delete process.env.DOCKER_CERT_PATH;
    }
  });

  it(
    'powers off on QMP system_powerdown',
    async () => {
      const run = qemu;
      if (!run) throw new Error('the VM did not start');
      const started = Date.now();
      await qmpCommand(run.qmpPath, 'system_powerdown');
      const exit = await Promise.race([
        run.exited,
        new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), powerOffMs)),
      ]);
      expect(exit, `QEMU still running ${powerOffMs / 1000} s after system_powerdown`).toBe(0);
      console.log(
        `VM: system_powerdown to QEMU's exit: ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(await readFile(run.consolePath, 'utf8')).toContain(`${consoleMarker}stopped`);
    },
    powerOffMs + 30_000,
  );
});
