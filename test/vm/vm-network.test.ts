// The VM's network and folders as a user meets them, on ONE VM booted through
// the app (createDefaultApp with `--engine vm`): published ports answer on
// this computer's 127.0.0.1 and go when the container stops; a published port
// taken on the host leaves the container running and the VM status names the
// port; a host folder is read inside a container at the same path, over 9p
// and over SMB (QEMU's smb=, the guest's path for Windows hosts); containers
// cannot reach the engine API by any address they see; the user's own CLI
// (/usr/local/bin/docker, the 28.x client first on PATH here) works through
// the berth-vm context the app wrote. (A taken API port is test/vm/vm-engine.test.ts's.)
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRunSpec } from '../../electron/contract/run-spec/spec.ts';
import { isLive, readProcess, signalProcess } from '../../electron/engine/processes.ts';
import { guestApiPort } from '../../electron/engine/vm/guest-contract.ts';
import { vmContextName } from '../../electron/engine/vm/vm-context.ts';
import { vmLayout } from '../../electron/engine/vm/vm-layout.ts';
import { isQemuFor } from '../../electron/engine/vm/vm-previous.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import { createContainer } from '../../electron/services/containers/create-container.ts';
import { createDefaultApp } from '../../electron/services/default-app.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { waitForVmRunning } from '../helpers/vm-boot-report.ts';
import { clientPem, makeVmTls } from '../helpers/vm-tls.ts';

const execFileAsync = promisify(execFile);
const DOCKER_CLI = '/usr/local/bin/docker';
/** A TCG boot on a busy 2-core machine: 15-18 s alone, seen past 2 min beside other boots. */
const bootMs = 6 * 60_000;
/** Forwards follow events within a second or two; TCG and a busy machine stretch that. */
const followMs = 60_000;

const imageDir = process.env.BERTH_VM_IMAGE_DIR ?? '';
const savedEnv = { ...process.env };
let dataDir = '';
let configDir = '';
let shared = '';
let smbShared = '';
let context = '';
let app: AppServices | undefined;

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

async function qemusOn(dir: string): Promise<number[]> {
  const layout = vmLayout(dir);
  const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n));
  const infos = await Promise.all(pids.map((n) => readProcess(Number(n))));
  return infos.filter((p) => isLive(p) && isQemuFor(p!, layout)).map((p) => p!.pid);
}

/**
 * The smbd processes QEMU started for this VM's SMB mount (glib's spawn
 * double-forks, so they are not QEMU's children), known by the folder QEMU
 * made for them in its TMPDIR, which the driver sets inside the VM's folder.
 */
async function vmSmbds(dir: string): Promise<{ pid: number; dir: string }[]> {
  const tmp = join(vmLayout(dir).vmDir, 'tmp', 'qemu-smb.');
  const found: { pid: number; dir: string }[] = [];
  for (const name of (await readdir('/proc')).filter((n) => /^\d+$/.test(n))) {
    const argv = (await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '')).split('\0');
    const log = argv[argv.indexOf('-l') + 1];
    if (argv[0]?.endsWith('smbd') && log?.startsWith(tmp))
      found.push({ pid: Number(name), dir: log });
  }
  return found;
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The user's CLI through the context Berth wrote, and nothing from this shell's environment. */
async function docker(...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir };
  for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'])
    delete env[name];
  const { stdout } = await execFileAsync(DOCKER_CLI, ['--context', context, ...args], {
    env,
    timeout: 120_000,
  });
  return stdout.trim();
}

function portProblems() {
  return app?.manager.status().vm?.portProblems ?? [];
}

/** GET /_ping over TLS on the host; resolves with status and body, rejects with the TLS or socket error. */
function tlsPing(port: number, tls: { ca: string; cert?: string; key?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
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

function apiPort(): number {
  const port = app?.manager.status().vm?.apiPort;
  if (!port) throw new Error('the VM status names no API port');
  return port;
}

/** GET http://127.0.0.1:PORT/ on the host; the answer, or the socket error's code. */
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

/** A web server made through New container's own service, published on `port` (every address). */
async function startWeb(name: string, port: number): Promise<void> {
  const connection = app!.manager.connection();
  await createContainer(
    connection.calls,
    {
      ...emptyRunSpec(),
      image: busyboxImage,
      name,
      command: ['httpd', '-f', '-h', '/var/www'],
      ports: [{ containerPort: 80, protocol: 'tcp', hostPort: port }],
      start: true,
    },
    connection.streams,
  );
}

beforeAll(
  async () => {
    expect(imageDir, 'the vm layer global setup sets BERTH_VM_IMAGE_DIR').not.toBe('');
    dataDir = await mkdtemp(join(tmpdir(), 'berth-vm-network-'));
    configDir = join(dataDir, 'docker-config');
    // A shared folder with a space in its name, as a user's "my project" would be.
    const root = await mkdtemp(join(tmpdir(), 'berth-vm-share-'));
    shared = join(root, 'my project');
    await mkdir(shared);
    await writeFile(join(shared, 'hello world.txt'), 'read through 9p\n');
    // A second folder over SMB (`smb=`: QEMU's own server runs the host's smbd).
    smbShared = join(root, 'smb share');
    await mkdir(smbShared);
    await writeFile(join(smbShared, 'from host.txt'), 'read through SMB\n');
    process.env.BERTH_VM_SHARES = `${shared}:smb=${smbShared}`;
    process.env.DOCKER_CONFIG = configDir;
    process.env.BERTH_NO_WELL_KNOWN_SOCKETS = '1';
    context = vmContextName(dataDir, false);
    app = await createDefaultApp({ engine: 'vm', dataDir });
    await waitForVmRunning(() => app!.manager.status(), dataDir, bootMs, 'vm-network');
    // The image helper runs `docker -H`: give it the VM's TLS the CLI's way.
    const endpoint = app.manager.connection().endpoint;
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = endpoint.certPath;
    try {
      await ensureBusyboxImage(endpoint.url);
    } finally {
      delete process.env.DOCKER_TLS_VERIFY;
      delete process.env.DOCKER_CERT_PATH;
    }
  },
  bootMs + 5 * 60_000,
);

afterAll(async () => {
  try {
    await app?.dispose();
  } finally {
    // Whatever happened above, no QEMU of this test outlives it.
    for (const pid of dataDir ? await qemusOn(dataDir) : []) signalProcess(pid, 'SIGKILL');
    process.env = savedEnv;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (shared) await rm(join(shared, '..'), { recursive: true, force: true });
  }
});

describe('published ports', () => {
  it('answer on the host’s 127.0.0.1 while the container runs, and not after it stopped', async () => {
    const port = await freePort();
    await startWeb('web', port);

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
      await startWeb('clash', port);

      await expect
        .poll(() => portProblems(), { timeout: followMs, interval: 250 })
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
    expect(portProblems().filter((p) => p.port === port)).toEqual([]);
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
      .poll(() => portProblems().find((p) => p.port === port), { timeout: followMs, interval: 250 })
      .toMatchObject({ container: 'local-only', reason: expect.stringContaining('inside Berth') });
    await docker('rm', '-f', 'local-only');
    await expect
      .poll(() => portProblems().find((p) => p.port === port), { timeout: followMs })
      .toBeUndefined();
  });
});

describe('shared folders', () => {
  it('bind-mounts a host folder by its own path (with a space) through New container, and reads a file', async () => {
    const connection = app!.manager.connection();
    // The host's path as the user typed it: the VM mounts the share at the same path.
    const { id } = await createContainer(
      connection.calls,
      {
        ...emptyRunSpec(),
        image: busyboxImage,
        name: 'reader',
        command: ['cat', '/app/hello world.txt'],
        volumes: [{ type: 'bind', source: shared, target: '/app', readOnly: true }],
        start: true,
      },
      connection.streams,
    );

    await expect
      .poll(() => docker('inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', id), {
        timeout: followMs,
        interval: 250,
      })
      .toBe('exited 0');
    expect(await docker('logs', id)).toBe('read through 9p');
    await docker('rm', id);
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
    await expect.poll(() => readFile(join(shared, 'back.txt'), 'utf8')).toBe('from-container\n');
  });
});

describe('a folder shared over SMB', () => {
  it('is read and written by a container by its own path (with a space), and the host sees the write', async () => {
    const out = await docker(
      'run',
      '--rm',
      '-v',
      `${smbShared}:/data`,
      busyboxImage,
      'sh',
      '-c',
      'cat "/data/from host.txt" && echo from-container > "/data/back over smb.txt"',
    );

    expect(out).toBe('read through SMB');
    await expect
      .poll(() => readFile(join(smbShared, 'back over smb.txt'), 'utf8'))
      .toBe('from-container\n');
    expect(app!.manager.status().vm?.sharedFolders).toEqual([shared, smbShared]);
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

  it('answers on the host only to a client certificate from the VM’s own CA', async () => {
    const certs = vmLayout(dataDir).clientCertDir;
    const read = (name: string) => readFile(join(certs, name), 'utf8');
    const client = {
      ca: await read('ca.pem'),
      cert: await read('cert.pem'),
      key: await read('key.pem'),
    };
    expect(await tlsPing(apiPort(), client)).toBe('200 OK');
    // Go's TLS server answers a missing or foreign client certificate with an alert.
    const refused = /alert bad certificate|alert certificate required|alert unknown ca/i;
    await expect(tlsPing(apiPort(), { ca: client.ca })).rejects.toThrow(refused);
    const other = await mkdtemp(join(tmpdir(), 'berth-vm-stranger-'));
    try {
      const stranger = await clientPem(await makeVmTls(other));
      await expect(
        tlsPing(apiPort(), { ca: client.ca, cert: stranger.cert, key: stranger.key }),
      ).rejects.toThrow(refused);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('is refused to containers on the bridge by every address they can see', async () => {
    // The control: a published port, reached from the container the same way, does answer.
    const port = await freePort();
    await startWeb('control', port);
    await expect
      .poll(() => get(port), { timeout: followMs, interval: 250 })
      .toContain('hello from busybox httpd');
    const control = `10.0.2.2:${port}`;
    const targets = [
      `10.0.2.2:${apiPort()}`,
      `10.0.2.15:${guestApiPort}`,
      `172.17.0.1:${guestApiPort}`,
    ];

    const results = await probeFromContainer('bridge', [control, ...targets]);

    // busybox httpd has no /_ping: its 404 is the answer.
    expect(results[control]).toMatch(/^HTTP\/1\.[01] 404/);
    // And the engine does answer plain HTTP with "HTTP/1.0 400" where it may be reached (the host).
    expect(await get(apiPort())).toMatch(/^HTTP\/1\.0 400/);
    for (const target of targets) {
      expect(results[target], target).toBeDefined();
      expect(results[target], target).not.toContain('HTTP/');
      expect(results[target], target).toMatch(/refused|timed out|exit 1|exit 143/i);
    }
    await docker('rm', '-f', 'control');
  });

  it('is refused to containers on the host network too', async () => {
    const targets = [
      `127.0.0.1:${guestApiPort}`,
      `10.0.2.15:${guestApiPort}`,
      `10.0.2.2:${apiPort()}`,
    ];

    const results = await probeFromContainer('host', targets);

    for (const target of targets) {
      expect(results[target], target).toBeDefined();
      expect(results[target], target).not.toContain('HTTP/');
    }
  });
});

describe('the user’s own CLI', () => {
  it(`lists the app's container with ${DOCKER_CLI} --context berth-vm-<data folder> ps`, async () => {
    const connection = app!.manager.connection();
    await createContainer(
      connection.calls,
      {
        ...emptyRunSpec(),
        image: busyboxImage,
        name: 'seen-by-cli',
        command: ['sleep', '600'],
        start: true,
      },
      connection.streams,
    );

    expect((await docker('ps', '--format', '{{.Names}}')).split('\n')).toContain('seen-by-cli');
    expect(
      await docker('context', 'inspect', '--format', '{{.Endpoints.docker.Host}}', context),
    ).toBe(`tcp://127.0.0.1:${apiPort()}`);
    expect(app!.manager.status().cliHint?.context).toBe(context);
    await docker('rm', '-f', 'seen-by-cli');
  });
});

// Last: it stops the VM.
describe('the SMB server QEMU ran', () => {
  it('served the mount from an smbd QEMU started, which ends with QEMU, its temporary folder removed', async () => {
    const smbds = await vmSmbds(dataDir);
    expect(
      smbds.length,
      'an smbd with its folder in the VM’s TMPDIR serves the mount',
    ).toBeGreaterThan(0);
    const smbDir = smbds[0]!.dir;
    expect((await stat(smbDir)).isDirectory()).toBe(true);

    await app!.manager.stop();

    await expect.poll(() => qemusOn(dataDir), { timeout: followMs }).toEqual([]);
    await expect
      .poll(async () => (await Promise.all(smbds.map((p) => readProcess(p.pid)))).filter(isLive), {
        timeout: followMs,
      })
      .toEqual([]);
    await expect.poll(() => exists(smbDir), { timeout: followMs }).toBe(false);
  });
});
