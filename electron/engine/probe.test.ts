import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  makeStaleSocket,
  socketsPerTest,
  startFakeEngine,
  startHangUpSocket,
  startSilentSocket,
} from './fake-engine.testkit.ts';
import { probeEndpoint } from './probe.ts';
import { makeTlsMaterial, startTlsEngine } from './tls-engine.testkit.ts';

const execFileAsync = promisify(execFile);

const temp = socketsPerTest('berth-probe-');

describe('probeEndpoint', () => {
  it('reports an engine that answers /_ping as reachable, with its Api-Version header', async () => {
    const engine = await temp.track(startFakeEngine(path.join(temp.dir, 'docker.sock')));

    const result = await probeEndpoint(engine.endpoint, { timeoutMs: 2000 });

    expect(result).toEqual({ state: 'reachable', apiVersion: '1.47' });
    expect(engine.requests).toEqual(['/_ping']);
  });

  it('asks /version for the API version when the ping has no Api-Version header', async () => {
    const engine = await temp.track(
      startFakeEngine(path.join(temp.dir, 'docker.sock'), { apiVersion: null }),
    );

    const result = await probeEndpoint(engine.endpoint, { timeoutMs: 2000 });

    expect(result).toEqual({ state: 'reachable', apiVersion: '1.41' });
    expect(engine.requests).toEqual(['/_ping', '/version']);
  });

  it('gives up on a socket that accepts but never answers, at the deadline, and closes it', async () => {
    const silent = await temp.track(startSilentSocket(path.join(temp.dir, 'silent.sock')));
    const timeoutMs = 200;

    const started = performance.now();
    const result = await probeEndpoint(silent.endpoint, { timeoutMs });
    const elapsed = performance.now() - started;

    expect(result.state).toBe('timeout');
    expect(result.detail).toContain(`within ${timeoutMs} ms`);
    // Bounded by the deadline, as a ratio: it waited for it, and not much longer.
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs * 0.9);
    expect(elapsed).toBeLessThan(timeoutMs * 5);
    // The socket was destroyed, not left open behind the result.
    const closed = await Promise.race([
      silent.allClosed().then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, timeoutMs * 5, 'still open')),
    ]);
    expect(closed).toBe('closed');
  });

  it('reports a missing socket as unreachable: not found', async () => {
    const missing = path.join(temp.dir, 'nothing-here.sock');

    const result = await probeEndpoint(`unix://${missing}`, { timeoutMs: 2000 });

    expect(result.state).toBe('unreachable');
    expect(result.detail).toBe(`Not found: nothing exists at ${missing}.`);
  });

  it('reports a socket file left by a dead engine as not running', async () => {
    const stale = path.join(temp.dir, 'stale.sock');
    await makeStaleSocket(stale);

    const result = await probeEndpoint(`unix://${stale}`, { timeoutMs: 2000 });

    expect(result.state).toBe('unreachable');
    expect(result.detail).toContain('the engine is not running');
  });

  it("quotes the status and the engine's body when /_ping answers an error", async () => {
    const engine = await temp.track(
      startFakeEngine(path.join(temp.dir, 'docker.sock'), {
        pingStatus: 503,
        pingBody: 'daemon is shutting down',
      }),
    );

    const result = await probeEndpoint(engine.endpoint, { timeoutMs: 2000 });

    expect(result.state).toBe('unreachable');
    expect(result.detail).toContain('HTTP 503: daemon is shutting down');
  });

  it('reports a listener that hangs up without answering as unreachable', async () => {
    const rude = await temp.track(startHangUpSocket(path.join(temp.dir, 'rude.sock')));

    const result = await probeEndpoint(rude.endpoint, { timeoutMs: 2000 });

    expect(result.state).toBe('unreachable');
    expect(result.detail).toContain('closed the connection without answering');
  });

  it('probes a tcp:// endpoint over plain HTTP', async () => {
    const server = http.createServer((_req, res) => {
      res.setHeader('Api-Version', '1.45');
      res.end('OK');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await probeEndpoint(`tcp://127.0.0.1:${port}`, { timeoutMs: 2000 });
      expect(result).toEqual({ state: 'reachable', apiVersion: '1.45' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a TLS endpoint without client certificates instead of sending it plain HTTP', async () => {
    const result = await probeEndpoint('tcp://127.0.0.1:1', { timeoutMs: 2000, tls: true });

    expect(result.state).toBe('unknown');
    expect(result.detail).toContain('no client certificates were given');
  });

  it('probes a TLS endpoint with the client certificates in certPath', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-probe-tls-'));
    const engine = await startTlsEngine(await makeTlsMaterial(dir));
    try {
      const result = await probeEndpoint(`tcp://127.0.0.1:${engine.port}`, {
        timeoutMs: 5000,
        tls: true,
        certPath: dir,
      });
      expect(result).toEqual({ state: 'reachable', apiVersion: '1.41' });
      expect(engine.requests.map((r) => r.client)).toContain('client');
    } finally {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('names an ssh:// address it cannot use instead of connecting', async () => {
    const result = await probeEndpoint('ssh://me:secret@example.org', { timeoutMs: 2000 });

    expect(result.state).toBe('unknown');
    expect(result.detail).toContain('a password in the address is not supported');
  });

  // Root opens any socket whatever its mode, so the probe runs in a child
  // process that has dropped to `nobody` (setpriv needs root to do that).
  it.skipIf(process.platform !== 'linux' || process.getuid?.() !== 0)(
    'reports permission denied with the Linux fix when the user may not open the socket',
    async () => {
      const engine = await temp.track(startFakeEngine(path.join(temp.dir, 'docker.sock')));
      await chmod(engine.socketPath, 0o600);
      // nobody must reach the socket through the folder, so only the socket's own mode stops it.
      await chmod(temp.dir, 0o755);
      const script = path.join(temp.dir, 'probe-as-nobody.mjs');
      const probeModule = pathToFileURL(path.join(import.meta.dirname, 'probe.ts')).href;
      await writeFile(
        script,
        `import { probeEndpoint } from ${JSON.stringify(probeModule)};\n` +
          `const result = await probeEndpoint(process.argv[2], { timeoutMs: 5000 });\n` +
          `process.stdout.write(JSON.stringify({ uid: process.getuid(), result }));\n`,
        { mode: 0o644 },
      );

      const { stdout } = await execFileAsync(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          '--',
          process.execPath,
          '--no-warnings',
          script,
          engine.endpoint,
        ],
        { cwd: temp.dir, timeout: 30_000 },
      );
      const { uid, result } = JSON.parse(stdout) as {
        uid: number;
        result: { state: string; detail?: string; hint?: string };
      };

      expect(uid).toBe(65534);
      expect(result.state).toBe('permission-denied');
      expect(result.detail).toContain(engine.socketPath);
      expect(result.hint).toContain('sudo usermod -aG docker $USER');
      // The socket is root:root, so the hint says joining a group is not enough by itself.
      expect(result.hint).toContain("The socket's group is root");
      expect(engine.requests).toEqual([]);
    },
  );
});
