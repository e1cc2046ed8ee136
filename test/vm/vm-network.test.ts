// The VM's network and folders as a user meets them, on ONE booted VM:
// published ports answer on this computer's 127.0.0.1 and go when the
// container stops; a published port taken on the host leaves the container
// running and names the port; a host folder is read inside a container at the
// same path; containers cannot reach the engine API by any address they see;
// the user's own CLI (/usr/local/bin/docker, the 28.x client first on PATH
// here) works through the berth-vm context.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, truncate, writeFile, copyFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleMarker, fwCfg, guestApiPort } from '../../electron/engine/vm/guest-contract.ts';
import type { PortProblem } from '../../electron/engine/vm/published-ports.ts';
import { writeVmContext } from '../../electron/engine/vm/vm-context.ts';
import { followVmPorts, type VmPorts } from '../../electron/services/vm-ports.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { makeVmTls } from '../helpers/vm-tls.ts';
import { startQemu, type QemuRun } from '../helpers/vm-qemu.ts';
import { hmp } from '../helpers/vm-hmp.ts';

const execFileAsync = promisify(execFile);
const DOCKER_CLI = '/usr/local/bin/docker';
const CONTEXT = 'berth-vm';
const bootMs = 6 * 60_000;
/** Forwards follow events within a second or two; TCG and a busy machine stretch that. */
const followMs = 60_000;

const imageDir = process.env.BERTH_VM_IMAGE_DIR ?? '';
let dir = '';
let configDir = '';
let shared = '';
let qemu: QemuRun | undefined;
let apiPort = 0;
let ports: VmPorts | undefined;
let problems: PortProblem[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The user's CLI through the context Berth wrote, and nothing from this shell's environment. */
async function docker(...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir };
  for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'])
    delete env[name];
  const { stdout } = await execFileAsync(DOCKER_CLI, ['--context', CONTEXT, ...args], {
    env,
    timeout: 120_000,
  });
  return stdout.trim();
}

/** GET http://127.0.0.1:PORT/ on the host; the body, or the socket error's code. */
function get(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let body = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('ETIMEDOUT')));
    socket.on('connect', () => socket.write('GET / HTTP/1.0\r\n\r\n'));
    socket.on('data', (chunk: Buffer) => (body += chunk.toString()));
    socket.on('end', () => resolve(body));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

beforeAll(
  async () => {
    expect(imageDir, 'the vm layer global setup sets BERTH_VM_IMAGE_DIR').not.toBe('');
    dir = await mkdtemp(join(tmpdir(), 'berth-vm-network-'));
    configDir = join(dir, 'docker-config');
    // A shared folder with a space in its name, as a user's "My project" would be.
    shared = join(dir, 'my project');
    await mkdir(shared);
    await writeFile(join(shared, 'hello world.txt'), 'read through 9p\n');
    const tls = await makeVmTls(dir);
    const certPath = join(dir, 'client');
    await mkdir(certPath);
    await copyFile(tls.caCert, join(certPath, 'ca.pem'));
    await copyFile(tls.clientCert, join(certPath, 'cert.pem'));
    await copyFile(tls.clientKey, join(certPath, 'key.pem'));
    apiPort = await freePort();
    await writeFile(join(dir, 'api-port'), String(apiPort));
    await writeFile(join(dir, 'share0'), shared);
    await writeFile(join(dir, 'data.img'), '');
    await truncate(join(dir, 'data.img'), 2 * 1024 ** 3);

    qemu = startQemu({
      imageDir,
      dir,
      disk: join(dir, 'data.img'),
      fwCfg: {
        [fwCfg.caCert]: tls.caCert,
        [fwCfg.serverCert]: tls.serverCert,
        [fwCfg.serverKey]: tls.serverKey,
        [fwCfg.hostApiPort]: join(dir, 'api-port'),
        [`${fwCfg.sharePrefix}0`]: join(dir, 'share0'),
      },
      extraArgs: [
        '-virtfs',
        `local,path=${shared.replaceAll(',', ',,')},mount_tag=share0,security_model=none,id=share0`,
      ],
      hostfwd: [{ host: apiPort, guest: guestApiPort }],
      lifetimeMs: 20 * 60_000,
    });
    await qemu.waitForConsole(`${consoleMarker}ready`, bootMs);

    await writeVmContext({ configDir, name: CONTEXT, apiPort, certPath, dataDir: dir });
    const endpoint = { url: `tcp://127.0.0.1:${apiPort}`, certPath };
    const run = qemu;
    ports = followVmPorts({
      endpoint,
      monitor: (command) => hmp(run.qmpPath, command),
      reservedPorts: [apiPort],
      onProblems: (now) => (problems = now),
    });
    await ports.resync();
    // The image helper runs `docker -H`: give it the VM's TLS the CLI's way.
    const saved = { verify: process.env.DOCKER_TLS_VERIFY, certs: process.env.DOCKER_CERT_PATH };
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = certPath;
    try {
      await ensureBusyboxImage(endpoint.url);
    } finally {
      if (saved.verify === undefined) delete process.env.DOCKER_TLS_VERIFY;
      else process.env.DOCKER_TLS_VERIFY = saved.verify;
      if (saved.certs === undefined) delete process.env.DOCKER_CERT_PATH;
      else process.env.DOCKER_CERT_PATH = saved.certs;
    }
  },
  bootMs + 5 * 60_000,
);

afterAll(async () => {
  ports?.stop();
  qemu?.kill();
  await qemu?.exited;
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('published ports', () => {
  it('answer on the host’s 127.0.0.1 while the container runs, and not after it stopped', async () => {
    const port = await freePort();
    await docker(
      'run',
      '-d',
      '--name',
      'web',
      '-p',
      `${port}:80`,
      busyboxImage,
      'httpd',
      '-f',
      '-h',
      '/var/www',
    );

    await expect
      .poll(() => get(port), { timeout: followMs, interval: 250 })
      .toContain('hello from busybox httpd');

    await docker('stop', '-t', '1', 'web');
    await expect.poll(() => get(port), { timeout: followMs, interval: 250 }).toBe('ECONNREFUSED');
    await docker('rm', 'web');
  });

  it('taken on the host: the container runs, the port problem names it, and it is forwarded once freed', async () => {
    // Answers once it has read the request: ending a socket before the peer wrote left
    // Node's server counting it for ever, and close() then never returned.
    const held = new Set<net.Socket>();
    const holder = net.createServer((socket) => {
      held.add(socket);
      socket.on('error', () => {});
      socket.once('data', () => socket.end('held by another program\n'));
    });
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      await docker(
        'run',
        '-d',
        '--name',
        'clash',
        '-p',
        `${port}:80`,
        busyboxImage,
        'httpd',
        '-f',
        '-h',
        '/var/www',
      );

      await expect
        .poll(() => problems, { timeout: followMs, interval: 250 })
        .toContainEqual({
          port,
          protocol: 'tcp',
          container: 'clash',
          reason: expect.stringContaining(`Port ${port}/tcp is already in use on this computer`),
        });
      expect(await docker('inspect', '--format', '{{.State.Running}}', 'clash')).toBe('true');
      expect(await get(port)).toBe('held by another program\n');
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => holder.close(resolve));
    }
    // Freed: the retry forwards it, and the problem goes.
    await expect
      .poll(() => get(port), { timeout: followMs, interval: 500 })
      .toContain('hello from busybox httpd');
    expect(problems.filter((p) => p.port === port)).toEqual([]);
    await docker('rm', '-f', 'clash');
  });

  it('published on the guest’s own 127.0.0.1: reported, since QEMU cannot reach it', async () => {
    const port = await freePort();
    await docker(
      'run',
      '-d',
      '--name',
      'local-only',
      '-p',
      `127.0.0.1:${port}:80`,
      busyboxImage,
      'httpd',
      '-f',
    );

    await expect
      .poll(() => problems.find((p) => p.port === port), { timeout: followMs, interval: 250 })
      .toMatchObject({ container: 'local-only', reason: expect.stringContaining('inside Berth') });
    await docker('rm', '-f', 'local-only');
    await expect
      .poll(() => problems.find((p) => p.port === port), { timeout: followMs })
      .toBeUndefined();
  });
});

describe('shared folders', () => {
  it('bind-mounts a host folder by its own path (with a space) and reads a file from it', async () => {
    const out = await docker(
      'run',
      '--rm',
      '-v',
      `${shared}:/app`,
      busyboxImage,
      'cat',
      '/app/hello world.txt',
    );

    expect(out).toBe('read through 9p');
  });

  it('sees a file the host writes while the container runs, and the host sees the container’s', async () => {
    await writeFile(join(shared, 'later.txt'), 'written by the host\n');
    const out = await docker(
      'run',
      '--rm',
      '-v',
      `${shared}:${shared}`,
      busyboxImage,
      'sh',
      '-c',
      `cat "${shared}/later.txt" && echo from-container > "${shared}/back.txt"`,
    );

    expect(out).toBe('written by the host');
    await expect
      .poll(async () =>
        (await import('node:fs/promises')).readFile(join(shared, 'back.txt'), 'utf8'),
      )
      .toBe('from-container\n');
  });
});

describe('the engine API', () => {
  /**
   * Sends a plain HTTP request from a container with busybox nc: dockerd's
   * TLS port answers it with "HTTP/1.0 400" (a client speaking HTTP to an
   * HTTPS server), so any "HTTP/" in the output means the engine answered.
   */
  async function probeFromContainer(
    network: string,
    targets: string[],
  ): Promise<Record<string, string>> {
    const script = targets
      .map((t) => {
        const [host, port] = t.split(':');
        return `echo "== ${t}"; printf 'GET /_ping HTTP/1.0\\r\\n\\r\\n' | timeout 8 nc ${host} ${port} 2>&1; echo "exit $?"`;
      })
      .join('; ');
    const out = await docker('run', '--rm', '--network', network, busyboxImage, 'sh', '-c', script);
    const results: Record<string, string> = {};
    for (const part of out.split('== ').slice(1)) {
      const newline = part.indexOf('\n');
      results[part.slice(0, newline)] = part.slice(newline + 1).trim();
    }
    return results;
  }

  it('answers a published port from a container (the probe can see an answer)', async () => {
    const port = await freePort();
    await docker(
      'run',
      '-d',
      '--name',
      'control',
      '-p',
      `${port}:80`,
      busyboxImage,
      'httpd',
      '-f',
      '-h',
      '/var/www',
    );
    await expect
      .poll(() => get(port), { timeout: followMs, interval: 250 })
      .toContain('hello from busybox httpd');

    const results = await probeFromContainer('bridge', [`10.0.2.2:${port}`]);

    // busybox httpd has no /_ping: its 404 is the answer.
    expect(results[`10.0.2.2:${port}`]).toMatch(/^HTTP\/1\.[01] 404/);
    await docker('rm', '-f', 'control');
  });

  it('is refused to containers on the bridge by every address they can see', async () => {
    const targets = [
      `10.0.2.2:${apiPort}`,
      `10.0.2.15:${guestApiPort}`,
      `172.17.0.1:${guestApiPort}`,
    ];

    const results = await probeFromContainer('bridge', targets);

    for (const target of targets) {
      expect(results[target], target).toBeDefined();
      expect(results[target], target).not.toContain('HTTP/');
      expect(results[target], target).toMatch(/refused|timed out|exit 1|exit 143/i);
    }
  });

  it('is refused to containers on the host network too', async () => {
    const targets = [
      `127.0.0.1:${guestApiPort}`,
      `10.0.2.15:${guestApiPort}`,
      `10.0.2.2:${apiPort}`,
    ];

    const results = await probeFromContainer('host', targets);

    for (const target of targets) {
      expect(results[target], target).toBeDefined();
      expect(results[target], target).not.toContain('HTTP/');
    }
  });
});

describe('the user’s own CLI', () => {
  it(`lists the VM's containers with ${DOCKER_CLI} --context ${CONTEXT} ps`, async () => {
    await docker('run', '-d', '--name', 'seen-by-cli', busyboxImage, 'sleep', '600');

    expect((await docker('ps', '--format', '{{.Names}}')).split('\n')).toContain('seen-by-cli');
    await docker('rm', '-f', 'seen-by-cli');
  });
});
