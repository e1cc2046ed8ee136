import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../electron/contract/errors.ts';
import type { ConnectionState, StreamHandlers } from './client/transport.ts';
import { StreamFeed, type LineHandlers, type StreamClient } from './stream-feed.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A contract client stand-in that records streams and lets a test drive them. */
function fakeClient(connection: ConnectionState = 'open') {
  const streams: { args: unknown; handlers: StreamHandlers; cancelled: boolean }[] = [];
  const listeners = new Set<(state: ConnectionState) => void>();
  const acks: number[] = [];
  const client = {
    connection,
    stream(_channel: string, args: unknown, handlers: StreamHandlers) {
      const s = { args, handlers, cancelled: false };
      streams.push(s);
      return {
        cancel: () => (s.cancelled = true),
        input: () => {},
        resize: () => {},
      };
    },
    onConnection(listener: (state: ConnectionState) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    client: client as StreamClient,
    streams,
    acks,
    /** Delivers `chunk` to stream `i` with an ack that records its index. */
    send(i: number, chunk: Uint8Array) {
      streams[i]!.handlers.onData(chunk, () => acks.push(i));
    },
    setConnection(state: ConnectionState) {
      client.connection = state;
      for (const l of listeners) l(state);
    },
    listenerCount: () => listeners.size,
  };
}

/** Handlers that log what they were told, in order. */
function recorder() {
  const log: string[] = [];
  const handlers: LineHandlers<'engine.log'> = {
    onOpen: ([{ tail }]) => log.push(`open ${tail}`),
    onLines: (lines) => log.push(`lines ${JSON.stringify(lines)}`),
    onEnd: (error?: ErrorEnvelope) => log.push(`end ${error?.kind ?? 'ok'}`),
    onClose: () => log.push('close'),
  };
  return { log, handlers };
}

describe('StreamFeed', () => {
  it('hands out whole lines, a character split across chunks included, and acks after them', () => {
    const fake = fakeClient();
    const feed = new StreamFeed(fake.client, 'engine.log');
    const { log } = recorder();
    feed.open([{ tail: 5 }], {
      onLines: (lines) => log.push(`lines ${JSON.stringify(lines)} acks ${fake.acks.length}`),
    });
    const all = bytes('héllo\nwor');
    fake.send(0, all.slice(0, 2)); // cuts the é in half
    fake.send(0, all.slice(2));
    fake.send(0, bytes('ld\n'));
    expect(log).toEqual(['lines ["héllo"] acks 1', 'lines ["world"] acks 2']);
    expect(fake.acks).toEqual([0, 0, 0]); // a chunk with no whole line is acked too
    expect(fake.streams[0]!.args).toEqual([{ tail: 5 }]);
  });

  it('gives the last line without a newline before the end, then the error', () => {
    const fake = fakeClient();
    const feed = new StreamFeed(fake.client, 'engine.log');
    const { log, handlers } = recorder();
    feed.open([{ tail: 1 }], handlers);
    fake.send(0, bytes('a\nb'));
    fake.streams[0]!.handlers.onEnd({ kind: 'unreachable', message: 'gone' });
    expect(log).toEqual(['open 1', 'lines ["a"]', 'lines ["b"]', 'end unreachable']);
    expect(feed.streaming).toBe(false);
  });

  it('cancels the open stream when opened again, and ignores what the old one still sends', () => {
    const fake = fakeClient();
    const feed = new StreamFeed(fake.client, 'engine.log');
    const first = recorder();
    const second = recorder();
    feed.open([{ tail: 1 }], first.handlers);
    feed.open([{ tail: 2 }], second.handlers);
    expect(fake.streams.map((s) => s.cancelled)).toEqual([true, false]);
    fake.send(0, bytes('late\n'));
    fake.streams[0]!.handlers.onEnd();
    fake.send(1, bytes('fresh\n'));
    expect(first.log).toEqual(['open 1']);
    expect(second.log).toEqual(['open 2', 'lines ["fresh"]']);
    expect(fake.acks).toEqual([1]); // nothing acked for a cancelled stream
    expect(feed.streaming).toBe(true);
  });

  it('close cancels, tells onClose, and nothing after it reaches the handlers', () => {
    const fake = fakeClient();
    const feed = new StreamFeed(fake.client, 'engine.log');
    const { log, handlers } = recorder();
    feed.open([{ tail: 1 }], handlers);
    feed.close();
    expect(fake.streams[0]!.cancelled).toBe(true);
    expect(feed.streaming).toBe(false);
    fake.send(0, bytes('late\n'));
    fake.streams[0]!.handlers.onEnd();
    expect(log).toEqual(['open 1', 'close']);
    feed.close(); // nothing open: nothing to tell
    expect(log).toEqual(['open 1', 'close']);
  });

  it('reopens the last stream after the connection comes back, with fresh line state', () => {
    const fake = fakeClient();
    const feed = new StreamFeed(fake.client, 'engine.log');
    const { log, handlers } = recorder();
    const unsubscribe = feed.reopenAfterReconnect();
    feed.open([{ tail: 3 }], handlers);
    fake.send(0, bytes('cut in ha'));
    fake.setConnection('closed');
    fake.streams[0]!.handlers.onEnd({ kind: 'unreachable', message: 'lost' });
    fake.setConnection('connecting');
    expect(fake.streams).toHaveLength(1);
    fake.setConnection('open');
    expect(fake.streams).toHaveLength(2);
    expect(fake.streams[1]!.args).toEqual([{ tail: 3 }]);
    fake.send(1, bytes('new\n'));
    expect(log).toEqual([
      'open 3',
      'lines ["cut in ha"]',
      'end unreachable',
      'open 3',
      'lines ["new"]',
    ]);
    fake.setConnection('open'); // still open: not a reconnect
    expect(fake.streams).toHaveLength(2);
    unsubscribe();
    expect(fake.listenerCount()).toBe(0);
  });

  it('does not reopen a closed stream after a reconnect', () => {
    const fake = fakeClient('connecting');
    const feed = new StreamFeed(fake.client, 'engine.log');
    feed.reopenAfterReconnect();
    feed.open([{ tail: 1 }], recorder().handlers);
    feed.close();
    fake.setConnection('open');
    expect(fake.streams).toHaveLength(1);
  });

  it('is not streaming when the transport ends the stream before returning its handle', () => {
    const feed = new StreamFeed(
      {
        connection: 'closed',
        stream: (_ch, _args, handlers) => {
          handlers.onEnd({ kind: 'unreachable', message: 'no connection' });
          return { cancel: () => {}, input: () => {}, resize: () => true };
        },
        onConnection: () => () => {},
      },
      'engine.log',
    );
    const { log, handlers } = recorder();
    feed.open([{ tail: 1 }], handlers);
    expect(feed.streaming).toBe(false);
    expect(log).toEqual(['open 1', 'end unreachable']);
  });
});
