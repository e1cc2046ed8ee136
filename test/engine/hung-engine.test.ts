// A managed dockerd that is alive but no longer answers (SIGSTOP: the socket
// still accepts connections, nothing replies) must be noticed by the
// supervisor's pings, ended, and replaced, with the reason in the history.

import { afterEach, describe, expect, it } from 'vitest';
import { findDockerds, isProcessLive, signalProcess } from '../../electron/engine/processes.ts';
import { pingEndpoint } from '../../electron/engine/endpoint-request.ts';
import { docker, startManagedEngine, type TestEngine } from '../helpers/managed-engine.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(what: string, done: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function historyText(engine: TestEngine): string[] {
  return engine.supervisor.status().history.map((e) => `${e.state}: ${e.message}`);
}

describe('a hung managed dockerd', () => {
  it('is noticed by its missed pings, killed and replaced by a new one that answers', async () => {
    // Faster than the product's 5 s, so the test takes seconds rather than a
    // minute; three misses of 3 s each still forgive a busy machine.
    const engine = await startManagedEngine({
      health: { intervalMs: 1_000, timeoutMs: 3_000, missesAllowed: 3, graceMs: 3_000 },
    });
    cleanups.push(engine.cleanup);
    const hungPid = engine.driver.pid;
    if (hungPid === null) throw new Error('no dockerd pid');
    // Runs before the engine's cleanup: a stopped process must not outlive the test.
    cleanups.push(async () => signalProcess(hungPid, 'SIGCONT'));
    const t0 = performance.now();
    process.kill(hungPid, 'SIGSTOP');

    await until(
      'the supervisor to replace the hung dockerd',
      () => engine.supervisor.state === 'running' && engine.driver.pid !== hungPid,
      150_000,
    );
    const recoveredMs = performance.now() - t0;
    const history = historyText(engine);
    const noticed = history.findIndex((m) =>
      m.startsWith('starting: The engine stopped answering: 3 pings missed in a row'),
    );
    expect(noticed).toBeGreaterThanOrEqual(0);
    const after = history.slice(noticed);
    expect(after).toContainEqual(`starting: Engine process ${hungPid} ended (killed by SIGKILL)`);
    expect(after.at(-1)).toMatch(/^running: Engine is running/);
    expect(await isProcessLive(hungPid)).toBe(false);
    expect((await findDockerds(engine.driver.layout.dataRoot)).map((p) => p.pid)).toEqual([
      engine.driver.pid,
    ]);
    expect(
      await pingEndpoint({ url: `unix://${engine.socketPath}` }, { timeoutMs: 5_000 }),
    ).toMatchObject({
      ok: true,
    });
    expect((await docker(engine, 'version', '--format', '{{.Server.Os}}')).trim()).toBe('linux');
    console.info(`hung dockerd: SIGSTOP to a new engine answering ${recoveredMs.toFixed(0)} ms`);
  }, 240_000);
});
