import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../contract/errors.ts';
import { FakeClock } from './fake-clock.testkit.ts';
import { managedEndpoint, ManagedDockerd } from './managed-dockerd.ts';
import { findExecutable } from './prerequisites.ts';
import { EngineSupervisor } from './supervisor.ts';

let dataDir: string;
// None of these tests gets as far as creating it.
const bridge = 'berth-unit';
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'berth-managed-unit-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function firstStepError(driver: ManagedDockerd): Promise<ContractError> {
  const [first] = driver.startSteps();
  if (!first) throw new Error('no steps');
  const error = await first.run(new AbortController().signal).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ContractError))
    throw new Error(`expected a ContractError, got ${String(error)}`);
  return error;
}

describe('ManagedDockerd', () => {
  it('names its steps in order, each with a timeout', () => {
    const driver = new ManagedDockerd({ dataDir, bridge, iptables: false });
    expect(driver.startSteps().map((s) => s.name)).toEqual([
      'check prerequisites',
      'prepare folders',
      'adopt or clear previous engine',
      'create bridge',
      'spawn dockerd',
      'wait for /_ping',
    ]);
    expect(driver.startSteps().every((s) => s.timeoutMs > 0)).toBe(true);
  });

  it('fails fast in the first step when not root, saying what to do', async () => {
    const driver = new ManagedDockerd({ dataDir, bridge, iptables: false, isRoot: () => false });
    const error = await firstStepError(driver);
    expect(error.envelope.kind).toBe('permission-denied');
    expect(error.message).toMatch(/needs root/);
    expect(error.envelope.hint).toMatch(/apt-get install docker\.io/);
  });

  it('says exactly what to install when dockerd is missing', async () => {
    const driver = new ManagedDockerd({
      dataDir,
      bridge,
      iptables: false,
      isRoot: () => true,
      dockerdPath: '/nonexistent/dockerd',
    });
    const error = await firstStepError(driver);
    expect(error.envelope).toMatchObject({
      kind: 'not-found',
      hint: 'Install it: apt-get install docker.io',
    });
    expect(error.message).toMatch(/^dockerd not found/);
  });

  it('ends the supervisor in error naming "check prerequisites" when not root', async () => {
    const clock = new FakeClock();
    const driver = new ManagedDockerd({
      dataDir,
      bridge,
      iptables: false,
      isRoot: () => false,
      clock,
    });
    const supervisor = new EngineSupervisor({ driver, clock });
    await expect(supervisor.start()).rejects.toThrow(/needs root/);
    expect(supervisor.status()).toMatchObject({
      state: 'error',
      error: { step: 'check prerequisites' },
    });
  });

  it('exposes the endpoint a client dials and what a user types', () => {
    expect(managedEndpoint('/data/berth')).toEqual({
      endpoint: 'unix:///data/berth/engine/run/docker.sock',
      dockerHost: 'DOCKER_HOST=unix:///data/berth/engine/run/docker.sock',
    });
  });
});

describe('findExecutable', () => {
  it('finds a program on PATH or in the sbin folders, and null for none', async () => {
    expect(await findExecutable('sh')).toMatch(/\/sh$/);
    expect(await findExecutable('no-such-program-berth')).toBeNull();
  });
});
