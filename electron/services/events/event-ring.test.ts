import { describe, expect, it } from 'vitest';
import type { EventLogEntry } from '../../contract/events-channels.ts';
import { eventMatches } from '../../contract/events-channels.ts';
import { followEvents } from './event-follow.ts';
import { EventRing } from './event-ring.ts';
import type { EngineEvent } from './engine-event.ts';

const event = (n: number, name = `c${n}`): EngineEvent => ({
  type: 'container',
  action: 'start',
  actorId: `id${n}`,
  attributes: { name, image: 'busybox' },
  timeSec: String(1000 + n),
  timeNanos: '0',
});

async function lines(stream: NodeJS.ReadableStream, count: number): Promise<EventLogEntry[]> {
  const out: EventLogEntry[] = [];
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop()!;
    out.push(...parts.map((p) => JSON.parse(p) as EventLogEntry));
    if (out.length >= count) break;
  }
  return out;
}

describe('the events ring', () => {
  it('keeps the newest events up to its capacity, oldest first', () => {
    const ring = new EventRing(3);
    for (let n = 1; n <= 5; n++) ring.push(event(n), `{"n":${n}}`);
    expect(ring.entries().map((e) => e.entry.seq)).toEqual([3, 4, 5]);
    expect(ring.entries().map((e) => e.raw)).toEqual(['{"n":3}', '{"n":4}', '{"n":5}']);
    expect(ring.entries()[0]?.entry.name).toBe('c3');
  });

  it('replays the ring, then goes on live, without a gap or a repeat', async () => {
    const ring = new EventRing(10);
    ring.push(event(1), '1');
    ring.push(event(2), '2');
    const stream = followEvents(() => ring, { replay: true });
    ring.push(event(3), '3');
    const got = lines(stream, 4);
    ring.push(event(4), '4');
    expect((await got).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    stream.destroy();
  });

  it('sends only new events when asked not to replay, and stops listening once closed', async () => {
    const ring = new EventRing(10);
    ring.push(event(1), '1');
    const stream = followEvents(() => ring, { replay: false });
    const got = lines(stream, 1);
    ring.push(event(2), '2');
    expect((await got).map((e) => e.seq)).toEqual([2]);
    stream.destroy();
    ring.push(event(3), '3');
  });

  it('filters on type and on words in the action, actor and attributes', () => {
    const entry = { ...event(7, 'web'), name: 'web', seq: 1 };
    expect(eventMatches(entry, {})).toBe(true);
    expect(eventMatches(entry, { type: 'image' })).toBe(false);
    expect(eventMatches(entry, { type: 'container', text: 'WEB start' })).toBe(true);
    expect(eventMatches(entry, { text: 'image=busybox' })).toBe(true);
    expect(eventMatches(entry, { text: 'stop' })).toBe(false);
  });
});
