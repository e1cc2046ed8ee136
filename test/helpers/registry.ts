// A real image registry on loopback for tests: Debian's `docker-registry`
// (distribution 2.8) with filesystem storage in a temp folder, without auth or
// with an htpasswd user (`startRegistry({ user })`: basic auth, as a private
// registry on a LAN usually has).
// dockerd treats 127.0.0.0/8 registries as insecure, so `localhost:PORT/name`
// pushes and pulls over plain http with no daemon option.
//
//   const registry = await startRegistry();
//   try { await docker(engine, 'push', `${registry.host}/berth/busybox:1`); }
//   finally { await registry.stop(); }

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { findExecutable } from '../../electron/engine/prerequisites.ts';

export interface TestRegistry {
  /** `localhost:PORT`, the prefix of image names in this registry. */
  host: string;
  port: number;
  /** The htpasswd user it was started with, if any. */
  user?: RegistryUser;
  /** Stops the registry (SIGTERM, then SIGKILL) and deletes its storage. Safe to call twice. */
  stop(): Promise<void>;
}

export interface RegistryUser {
  username: string;
  password: string;
}

/** A port that was free a moment ago (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function waitForV2(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`docker-registry exited (code ${child.exitCode}): ${output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      // 401 is a registry with auth answering: it is up.
      if (res.ok || res.status === 401) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`docker-registry never answered ${url}: ${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRegistry(opts: { user?: RegistryUser } = {}): Promise<TestRegistry> {
  const binary = await findExecutable('docker-registry');
  if (!binary) {
    throw new Error('docker-registry not found: apt-get install docker-registry');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-registry-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  const auth: string[] = [];
  if (opts.user) {
    const htpasswd = path.join(dir, 'htpasswd');
    // distribution reads bcrypt entries only.
    const hash = await bcrypt.hash(opts.user.password, 10);
    await writeFile(htpasswd, `${opts.user.username}:${hash}\n`);
    auth.push('auth:', '  htpasswd:', '    realm: berth-test', `    path: ${htpasswd}`);
  }
  await writeFile(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      ...auth,
      '',
    ].join('\n'),
  );
  const child = spawn(binary, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    child.kill('SIGTERM');
    if (!(await exited(child, 5_000))) {
      child.kill('SIGKILL');
      if (!(await exited(child, 5_000)))
        throw new Error(`docker-registry ${child.pid} survived SIGKILL`);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForV2(`http://127.0.0.1:${port}/v2/`, child, () => output.trim());
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: `localhost:${port}`, port, ...(opts.user ? { user: opts.user } : {}), stop };
}

/**
 * The registry's own list of a repository's tags, read with its htpasswd user
 * when it has one (empty when the repository has none); any other refusal throws.
 */
export async function registryTags(registry: TestRegistry, name: string): Promise<string[]> {
  const user = registry.user;
  const headers: Record<string, string> = user
    ? { authorization: `Basic ${btoa(`${user.username}:${user.password}`)}` }
    : {};
  const res = await fetch(`http://127.0.0.1:${registry.port}/v2/${name}/tags/list`, { headers });
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`tags list of ${name}: ${res.status}`);
  return ((await res.json()) as { tags: string[] | null }).tags ?? [];
}
