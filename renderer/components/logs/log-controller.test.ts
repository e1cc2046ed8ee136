import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamHandlers } from '../../client/transport.ts';
import type { StreamClient } from '../../stream-feed.ts';
import { LogController } from './log-controller.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const record = (ts: string, text: string, stream = 'stdout') =>
  JSON.stringify({ stream, ts: `2026-01-01T00:00:0${ts}.000000000Z`, text });

/** A contract client stand-in: records each stream's query and lets the test answer it. */
function fakeClient() {
  const streams: { query: Record<string, unknown>; handlers: StreamHandlers }[] = [];
  const client = {
    connection: 'open',
    stream(_channel: string, args: Record<string, unknown>[], handlers: StreamHandlers) {
      streams.push({ query: args[0]!, handlers });
      return { cancel: () => {}, input: () => {}, resize: () => {} };
    },
    onConnection: () => () => {},
  };
  return {
    client: client as unknown as StreamClient,
    streams,
    send(i: number, ...lines: string[]) {
      streams[i]!.handlers.onData(bytes(lines.map((l) => `${l}\n`).join('')), () => {});
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LogController', () => {
  it('puts back a line the follow left out, read again without follow, in time order', () => {
    const fake = fakeClient();
    const controller = new LogController(fake.client, [{ id: 'c1' }], { gapMs: 500 });
    controller.start();
    // The engine's follow skipped the stderr line written as it began watching.
    fake.send(0, record('1', 'a'), record('2', 'b'), record('4', 'd'));
    vi.advanceTimersByTime(500);
    const gap = fake.streams[1];
    expect(gap?.query).toMatchObject({ id: 'c1', follow: false });
    fake.send(
      1,
      record('1', 'a'),
      record('2', 'b'),
      record('3', 'oops', 'stderr'),
      record('4', 'd'),
    );
    gap!.handlers.onEnd();
    expect(controller.ring.toArray().map((r) => r.text)).toEqual(['a', 'b', 'oops', 'd']);
    controller.dispose();
  });

  it('changes nothing when the follow missed nothing', () => {
    const fake = fakeClient();
    const controller = new LogController(fake.client, [{ id: 'c1' }], { gapMs: 500 });
    controller.start();
    fake.send(0, record('1', 'a'), record('1', 'a'), record('2', 'b'));
    vi.advanceTimersByTime(500);
    fake.send(1, record('1', 'a'), record('1', 'a'), record('2', 'b'));
    fake.streams[1]!.handlers.onEnd();
    expect(controller.ring.toArray().map((r) => [r.seq, r.text])).toEqual([
      [0, 'a'],
      [1, 'a'],
      [2, 'b'],
    ]);
    controller.dispose();
  });
});
