import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from './engine-event.ts';
import { EventSubscription } from './event-subscription.ts';

const line = (action: string, id: string, timeNano: string) =>
  JSON.stringify({
    Type: 'container',
    Action: action,
    Actor: { ID: id, Attributes: {} },
    time: 0,
  }).replace('"time":0', `"time":${timeNano.slice(0, -9)},"timeNano":${timeNano}`) + '\n';

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

function harness() {
  const streams: PassThrough[] = [];
  const sinces: (string | undefined)[] = [];
  const events: EngineEvent[] = [];
  let connects = 0;
  const disconnects: string[] = [];
  const sub = new EventSubscription({
    open: async (since) => {
      sinces.push(since);
      const s = new PassThrough();
      streams.push(s);
      return s;
    },
    onEvent: (e) => events.push(e),
    onConnected: () => connects++,
    onDisconnected: (r) => disconnects.push(r),
    retryInitialMs: 5,
  });
  return { sub, streams, sinces, events, disconnects, connects: () => connects };
}

describe('EventSubscription', () => {
  it('reads events split across chunks, including a UTF-8 character cut in two', async () => {
    const h = harness();
    h.sub.start();
    await waitFor(() => h.streams.length === 1);
    const bytes = Buffer.from(line('create', 'é1', '1700000000000000001'));
    const cut = bytes.indexOf(Buffer.from('é')) + 1;
    h.streams[0]!.write(bytes.subarray(0, cut));
    h.streams[0]!.write(bytes.subarray(cut));
    await waitFor(() => h.events.length === 1);
    expect(h.events[0]!.actorId).toBe('é1');
    h.sub.stop();
  });

  it('reconnects with since = the last event time in seconds.nanoseconds and re-lists', async () => {
    const h = harness();
    h.sub.start();
    await waitFor(() => h.streams.length === 1);
    h.streams[0]!.write(line('start', 'a', '1700000000000000042'));
    await waitFor(() => h.events.length === 1);
    h.streams[0]!.destroy(new Error('socket hang up'));
    await waitFor(() => h.streams.length === 2);
    expect(h.sinces).toEqual([undefined, '1700000000.000000042']);
    expect(h.disconnects[0]).toContain('socket hang up');
    expect(h.connects()).toBe(2);
    h.sub.stop();
  });

  it('drops duplicate events replayed after reconnect', async () => {
    const h = harness();
    h.sub.start();
    await waitFor(() => h.streams.length === 1);
    h.streams[0]!.write(line('start', 'a', '1700000000000000042'));
    await waitFor(() => h.events.length === 1);
    h.streams[0]!.end();
    await waitFor(() => h.streams.length === 2);
    h.streams[1]!.write(line('start', 'a', '1700000000000000042'));
    h.streams[1]!.write(line('die', 'a', '1700000000000000042'));
    await waitFor(() => h.events.length === 2);
    expect(h.events.map((e) => e.action)).toEqual(['start', 'die']);
    h.sub.stop();
  });

  it('keeps retrying while the engine is down', async () => {
    let attempts = 0;
    const sub = new EventSubscription({
      open: async () => {
        attempts++;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      onEvent: () => {},
      onConnected: () => {},
      onDisconnected: () => {},
      retryInitialMs: 2,
      retryMaxMs: 4,
    });
    sub.start();
    await waitFor(() => attempts >= 3);
    sub.stop();
  });
});

describe('EventSubscription.stop', () => {
  it('ends the retries even when it lands while a connect is pending', async () => {
    let attempts = 0;
    let fail!: (err: Error) => void;
    const sub = new EventSubscription({
      open: () => {
        attempts++;
        return new Promise((_resolve, reject) => (fail = reject));
      },
      onEvent: () => {},
      onConnected: () => {},
      onDisconnected: () => {},
      retryInitialMs: 1,
    });
    sub.start();
    await waitFor(() => attempts === 1);
    sub.stop();
    fail(new Error('connect ECONNREFUSED'));
    await new Promise((r) => setTimeout(r, 50));
    expect(attempts).toBe(1);
  });
});
