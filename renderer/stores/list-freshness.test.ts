import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../electron/contract/engine-types.ts';
import { isStale, nextLossMark, type FreshnessInput } from './list-freshness.ts';

const status = (state: EngineStatus['state'], eventsConnected: boolean) =>
  ({ engineId: 'managed', state, eventsConnected }) as EngineStatus;
const live: FreshnessInput = {
  loaded: true,
  heals: 1,
  status: status('running', true),
  connection: 'open',
};

/** Feeds inputs in order, as the stores change, and says whether the list is stale after each. */
function walk(inputs: FreshnessInput[]): boolean[] {
  let mark: number | null = null;
  return inputs.map((input) => {
    mark = nextLossMark(mark, input);
    return isStale(mark, input);
  });
}

describe('list freshness', () => {
  it('is live while the engine runs and its events flow', () => {
    expect(walk([live])).toEqual([false]);
  });

  it('goes stale when the event stream drops, and stays so until a heal after it returns', () => {
    expect(
      walk([
        live,
        { ...live, status: status('running', false) },
        { ...live, status: status('starting', false) },
        // Back and running, but the re-read has not arrived yet.
        { ...live, status: status('running', true) },
        { ...live, status: status('running', true), heals: 2 },
      ]),
    ).toEqual([false, true, true, true, false]);
  });

  it('counts a heal that arrives while the engine is still starting, once it runs', () => {
    expect(
      walk([
        live,
        { ...live, status: status('starting', false) },
        { ...live, status: status('starting', true) },
        { ...live, status: status('starting', true), heals: 2 },
        { ...live, status: status('running', true), heals: 2 },
      ]),
    ).toEqual([false, true, true, true, false]);
  });

  it('does not count a snapshot read while the engine was unreachable', () => {
    expect(
      walk([
        live,
        { ...live, connection: 'closed' },
        { ...live, connection: 'closed', heals: 2 },
        { ...live, connection: 'open', status: status('running', false), heals: 3 },
        { ...live, status: status('running', true), heals: 3 },
      ]),
    ).toEqual([false, true, true, true, true]);
  });

  it('says nothing before the list and the engine status are known', () => {
    expect(walk([{ ...live, loaded: false, status: null }])).toEqual([false]);
  });
});
