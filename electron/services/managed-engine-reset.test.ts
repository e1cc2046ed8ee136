import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBridgeRecord, writeBridgeRecord } from '../engine/engine-bridges.ts';
import { resetEngine, type ResetStep } from './managed-engine-reset.ts';

describe('resetEngine', () => {
  it('names the step that failed, keeps the data and the record of bridges for next time', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-reset-'));
    await writeBridgeRecord(dataDir, ['br-0123456789ab']);
    const steps: (ResetStep | null)[] = [];
    const run = resetEngine({
      dataDir,
      layout: { socketPath: join(dataDir, 'nothing.sock'), dataRoot: join(dataDir, 'data') },
      bridge: 'berthtest0',
      stop: () => Promise.reject(new Error('dockerd did not stop')),
      start: () => Promise.resolve(),
      onStep: (step) => steps.push(step),
    });
    await expect(run).rejects.toMatchObject({
      envelope: {
        step: 'stop engine',
        message: expect.stringMatching(
          /^Couldn't reset the engine \(stop engine\): .*did not stop/,
        ),
        hint: expect.stringMatching(/Nothing after this step was done/),
      },
    });
    expect(steps).toEqual(['record networks', 'stop engine', null]);
    expect(await readBridgeRecord(dataDir)).toEqual(['br-0123456789ab']);
  });
});
