// Test support for the discovery and endpoint tests (imported only by *.test.ts): real
// unix sockets in temp folders that behave like an engine, like a listener
// that never answers, or like a socket file left by an engine that died.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

interface FakeEngineOptions {
  /** Api-Version header on /_ping; null sends none, so the probe must ask /version. */
  apiVersion?: string | null;
  pingStatus?: number;
  pingBody?: string;
}

export interface RunningSocket {
  socketPath: string;
  endpoint: string;
  /** Request paths the fake engine saw, in order. */
  requests: string[];
  /** Resolves when every connection a client opened has been closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function makeTempDir(prefix = 'berth-'): Promise<{
  dir: string;
  cleanup: () => Promise<void>;
}> {
  // os.tmpdir() keeps socket paths well under the 108-byte sun_path limit.
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface TempSockets {
  /** This test's own folder. */
  readonly dir: string;
  /** Keeps a started socket to close after the test. */
  track(socket: Promise<RunningSocket>): Promise<RunningSocket>;
}

/**
 * A fresh temp folder for each test of the calling file, and the sockets the
 * test starts: closed, and the folder removed, after each test even when it fails.
 */
export function socketsPerTest(prefix: string): TempSockets {
  let dir = '';
  let cleanup = async () => {};
  const running: RunningSocket[] = [];
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir(prefix));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
    await cleanup();
  });
  return {
    get dir() {
      return dir;
    },
    async track(socket) {
      const started = await socket;
      running.push(started);
      return started;
    },
  };
}

/** An engine that answers /_ping, /version and an empty container list, like dockerd's API. */
export function startFakeEngine(
  socketPath: string,
  opts: FakeEngineOptions = {},
): Promise<RunningSocket> {
  const requests: string[] = [];
  const apiVersion = opts.apiVersion === undefined ? '1.47' : opts.apiVersion;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    if (url === '/_ping' || /^\/v[\d.]+\/_ping$/.test(url)) {
      if (apiVersion !== null) res.setHeader('Api-Version', apiVersion);
      res.statusCode = opts.pingStatus ?? 200;
      res.end(opts.pingBody ?? 'OK');
    } else if (/^(\/v[\d.]+)?\/version$/.test(url)) {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          Version: '28.0.0-fake',
          ApiVersion: apiVersion ?? '1.41',
          MinAPIVersion: '1.24',
          Os: 'linux',
          Arch: 'amd64',
        }),
      );
    } else if (/^\/v[\d.]+\/containers\/json/.test(url)) {
      res.setHeader('Content-Type', 'application/json');
      res.end('[]');
    } else {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ message: `page not found: ${url}` }));
    }
  });
  return listen(server, socketPath, requests, () => server.closeAllConnections());
}

/** Any HTTP server on a unix socket: for answers no engine gives (trickles, huge bodies, split characters). */
export function startHttpSocket(
  socketPath: string,
  handler: http.RequestListener,
): Promise<RunningSocket> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  return listen(server, socketPath, requests, () => server.closeAllConnections());
}

/** Accepts connections and never writes a byte: the probe must time out, not hang. */
export function startSilentSocket(socketPath: string): Promise<RunningSocket> {
  const server = net.createServer((socket) => {
    // Read and drop the request, say nothing. Reading matters: a paused socket
    // never notices the client hanging up, and allClosed() would wait forever.
    socket.resume();
  });
  return listen(server, socketPath, [], undefined);
}

/** Accepts a connection and closes it at once, like something that is not an engine. */
export function startHangUpSocket(socketPath: string): Promise<RunningSocket> {
  const server = net.createServer((socket) => socket.destroy());
  return listen(server, socketPath, [], undefined);
}

/**
 * A socket file with no listener, as an engine killed with SIGKILL leaves it.
 * A child process binds it and is killed: closing a server in this process
 * would unlink the file.
 */
export async function makeStaleSocket(socketPath: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('ready'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`socket holder exited early (${code})`)));
    child.stdout.once('data', () => resolve());
  });
  child.removeAllListeners('exit');
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function listen(
  server: net.Server,
  socketPath: string,
  requests: string[],
  dropConnections: (() => void) | undefined,
): Promise<RunningSocket> {
  const open = new Set<net.Socket>();
  let waiters: (() => void)[] = [];
  server.on('connection', (socket: net.Socket) => {
    open.add(socket);
    socket.on('close', () => {
      open.delete(socket);
      if (open.size === 0) {
        for (const wake of waiters) wake();
        waiters = [];
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve({
        socketPath,
        endpoint: `unix://${socketPath}`,
        requests,
        allClosed: () =>
          open.size === 0 ? Promise.resolve() : new Promise((wake) => waiters.push(wake)),
        close: () =>
          new Promise((done, fail) => {
            dropConnections?.();
            for (const socket of open) socket.destroy();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
  });
}
