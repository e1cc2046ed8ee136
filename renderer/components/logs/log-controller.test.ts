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

describe('LogController paging', () => {
  it('keeps loading older windows until a page came or the log start', () => {
    const fake = fakeClient();
    const created = Date.parse('2026-01-01T00:00:00Z') / 1000;
    const controller = new LogController(fake.client, [{ id: 'c1', created }], { page: 10 });
    controller.start();
    fake.send(0, record('8', 'h'), record('9', 'i'));
    controller.loadOlder();
    // The first window (a guess from the lines shown) holds only two older lines.
    const first = fake.streams[1]!;
    expect(first.query).toMatchObject({ follow: false, last: 10 });
    fake.send(1, record('6', 'f'), record('7', 'g'));
    first.handlers.onEnd();
    expect(controller.status.atStart).toBe(false);
    const second = fake.streams[2];
    expect(second?.query).toMatchObject({
      follow: false,
      until: String(created + 6) + '.000000000',
    });
    fake.send(2, record('1', 'a'));
    second!.handlers.onEnd();
    // Empty windows further back, until one reaches the container's creation.
    for (let i = 3; i < fake.streams.length; i++) fake.streams[i]!.handlers.onEnd();
    expect(controller.status.atStart).toBe(true);
    expect(controller.ring.toArray().map((r) => r.text)).toEqual(['a', 'f', 'g', 'h', 'i']);
    controller.dispose();
  });
});

describe('LogController with several sources', () => {
  it('merges the follow streams in time order, each line with its source', () => {
    const fake = fakeClient();
    const controller = new LogController(fake.client, [
      { id: 'web', label: 'web-1' },
      { id: 'db', label: 'db-1' },
    ]);
    controller.start();
    // Each container's tail arrives whole, one after the other.
    fake.send(0, record('1', 'web a'), record('3', 'web b'));
    fake.send(1, record('2', 'db a'), record('4', 'db b'));
    vi.advanceTimersByTime(1000);
    expect(controller.ring.toArray().map((r) => `${r.source} ${r.text}`)).toEqual([
      'web-1 web a',
      'db-1 db a',
      'web-1 web b',
      'db-1 db b',
    ]);
    controller.dispose();
  });
});
