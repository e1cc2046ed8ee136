import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../contract/container-types.ts';
import { normalizeEvent } from '../events/engine-event.ts';
import { applyContainerEvent } from './container-events.ts';

const recorded = readFileSync(
  new URL('../events/fixtures/docker-20.10-events.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => normalizeEvent(l)!);

describe('applyContainerEvent on a recorded lifecycle', () => {
  it('follows create, start, pause, unpause, rename, die and destroy', () => {
    let row: ContainerSummary | undefined;
    const states: string[] = [];
    for (const event of recorded) {
      const change = applyContainerEvent(row, event);
      if (change.kind === 'upsert') {
        row = change.container;
        states.push(`${event.action}:${row.state}:${row.name}`);
      } else if (change.kind === 'remove') {
        row = undefined;
        states.push('destroy');
      }
    }
    expect(states).toEqual([
      'create:created:sample-1',
      'start:running:sample-1',
      'pause:paused:sample-1',
      'unpause:running:sample-1',
      'rename:running:sample-2',
      'die:exited:sample-2',
      'destroy',
    ]);
  });

  it("keeps a created container's labels apart from name and image", () => {
    const change = applyContainerEvent(undefined, recorded[0]!);
    expect(change).toMatchObject({
      kind: 'upsert',
      container: { labels: { a: '<b>' }, image: 'sample/busybox' },
    });
  });

  it('ignores exec events and other types for a known row', () => {
    const known = { id: recorded[0]!.actorId } as ContainerSummary;
    const exec = recorded.find((e) => e.action === 'exec_start')!;
    expect(applyContainerEvent(known, exec)).toEqual({ kind: 'none' });
    const volume = recorded.find((e) => e.type === 'volume')!;
    expect(applyContainerEvent(undefined, volume)).toEqual({ kind: 'none' });
  });

  it('drops the health of a container that dies, until the engine is asked again', () => {
    const die = recorded.find((e) => e.action === 'die')!;
    const known = {
      id: die.actorId,
      state: 'running',
      status: 'Up 5 seconds (healthy)',
      health: 'healthy',
    } as ContainerSummary;
    const change = applyContainerEvent(known, die);
    expect(change.kind).toBe('upsert');
    expect(change.kind === 'upsert' && 'health' in change.container).toBe(false);
  });
});
