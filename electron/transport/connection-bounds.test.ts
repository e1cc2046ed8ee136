// What one connection may hold at once, through a real WebSocket: calls past
// the cap wait or are refused but always answered, streams past the cap are
// refused, and no error reply is bigger than a few KB.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../contract/errors.ts';
import type { ServerMessage } from '../contract/frames.ts';
import { EventHub } from '../services/event-hub.ts';
import { boundEnvelope, CONNECTION_LIMITS, MAX_ERROR_TEXT } from './connection-bounds.ts';
import type { CallHandlers, ServiceSet, StreamHandlers } from './dispatcher.ts';
import { connectPeer, until, type WsPeer } from './ws-pair.testkit.ts';

let peer: WsPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

function services(calls: Partial<CallHandlers>, streams: Partial<StreamHandlers> = {}): ServiceSet {
  return {
    calls: calls as CallHandlers,
    streams: streams as StreamHandlers,
    events: new EventHub(),
  };
}

const replies = (text: ServerMessage[]) =>
  text.filter(
    (m): m is Extract<ServerMessage, { t: 'result' | 'error' }> =>
      m.t === 'result' || m.t === 'error',
  );

/** Every error envelope must fit comfortably in a few KB once on the wire. */
const REPLY_CAP_BYTES = 8 * 1024;

describe('bounds per connection', { timeout: 30_000 }, () => {
  it('runs at most the cap of calls at once, and answers every one of 3,000', async () => {
    let running = 0;
    let most = 0;
    let open: () => void = () => {};
    const gate = new Promise<void>((r) => (open = r));
    peer = await connectPeer(
      services({
        'engine.status': async () => {
          running++;
          most = Math.max(most, running);
          await gate;
          running--;
          return { state: 'running' } as never;
        },
      }),
    );
    const total = 3000;
    for (let id = 1; id <= total; id++) peer.send({ t: 'call', id, ch: 'engine.status', args: [] });
    const { calls, waitingCalls } = CONNECTION_LIMITS;
    // Past the running and waiting caps the answer is a refusal, at once.
    expect(await until(() => replies(peer!.text).length === total - calls - waitingCalls)).toBe(
      true,
    );
    expect(running).toBe(calls);
    open();
    expect(await until(() => replies(peer!.text).length === total)).toBe(true);
    expect(most).toBe(calls);

    const all = replies(peer.text);
    expect(new Set(all.map((m) => m.id)).size).toBe(total);
    const refused = all.filter((m) => m.t === 'error');
    expect(refused).toHaveLength(total - calls - waitingCalls);
    expect(refused[0]?.error.message).toBe(
      `Too many calls at once on this connection (limit ${calls} running and ${waitingCalls} waiting).`,
    );
  });

  it('keeps at most the cap of streams open, refusing the rest of 1,000 opens', async () => {
    let opened = 0;
    const sources: PassThrough[] = [];
    peer = await connectPeer(
      services(
        {},
        {
          'containers.stats': () => {
            opened++;
            const source = new PassThrough();
            sources.push(source);
            return source;
          },
        },
      ),
    );
    for (let sid = 1; sid <= 1000; sid++) {
      peer.send({ t: 'open', sid, ch: 'containers.stats', args: [{ ids: ['abcdef123456'] }] });
    }
    const ends = () => peer!.text.filter((m) => m.t === 'end');
    expect(await until(() => ends().length === 1000 - CONNECTION_LIMITS.streams)).toBe(true);
    expect(opened).toBe(CONNECTION_LIMITS.streams);
    expect(ends()[0]).toMatchObject({
      error: {
        kind: 'bad-request',
        message: `Too many streams open at once on this connection (limit ${CONNECTION_LIMITS.streams}).`,
      },
    });

    // A stream that ends frees its place for the next one.
    peer.send({ t: 'cancel', sid: 1 });
    expect(await until(() => ends().some((m) => m.t === 'end' && m.sid === 1))).toBe(true);
    peer.send({ t: 'open', sid: 5000, ch: 'containers.stats', args: [{ ids: ['abcdef123456'] }] });
    expect(await until(() => opened === CONNECTION_LIMITS.streams + 1)).toBe(true);
  });

  it('answers a 1 MB frame of 95,000 bad labels with a reply of a few KB', async () => {
    peer = await connectPeer(services({}));
    const labels: Record<string, number> = {};
    for (let i = 0; i < 95_000; i++) labels[`l${i}`] = 0;
    const spec = { image: 'busybox', ports: [], env: [], volumes: [], labels };
    const frame = JSON.stringify({ t: 'call', id: 1, ch: 'containers.create', args: [spec] });
    expect(frame.length).toBeGreaterThan(1_000_000);
    peer.ws.send(frame);
    expect(await until(() => replies(peer!.text).length === 1)).toBe(true);
    const reply = replies(peer.text)[0]!;
    expect(reply).toMatchObject({ t: 'error', error: { kind: 'bad-request' } });
    expect(JSON.stringify(reply).length).toBeLessThan(REPLY_CAP_BYTES);
  });

  it('cuts an engine error of megabytes to a few KB, in calls and in streams', async () => {
    const huge = 'no space left on device '.repeat(50_000);
    const engineError = Object.assign(new Error(huge), {
      statusCode: 500,
      json: { message: huge },
    });
    peer = await connectPeer(
      services(
        { 'engine.status': () => Promise.reject(engineError) },
        { 'engine.log': () => Promise.reject(engineError) },
      ),
    );
    peer.send({ t: 'call', id: 1, ch: 'engine.status', args: [] });
    peer.send({ t: 'open', sid: 2, ch: 'engine.log', args: [{ tail: 0 }] });
    expect(await until(() => peer!.text.length === 2)).toBe(true);
    for (const message of peer.text) {
      expect(JSON.stringify(message).length).toBeLessThan(REPLY_CAP_BYTES);
      const error = (message as { error: ErrorEnvelope }).error;
      expect(error.kind).toBe('engine');
      expect(error.engineMessage?.endsWith('…')).toBe(true);
      expect(error.engineMessage?.startsWith('no space left on device')).toBe(true);
    }
  });
});

describe('boundEnvelope', () => {
  it('keeps a short envelope as it is', () => {
    const e: ErrorEnvelope = { kind: 'engine', message: 'm', engineMessage: 'e', status: 500 };
    expect(boundEnvelope(e)).toEqual(e);
  });

  it('cuts each text to its limit with an ellipsis, never inside a surrogate pair', () => {
    const text = 'a'.repeat(MAX_ERROR_TEXT - 2) + '😀'.repeat(10);
    const bounded = boundEnvelope({ kind: 'internal', message: text, hint: 'h'.repeat(10_000) });
    expect(bounded.message.length).toBeLessThanOrEqual(MAX_ERROR_TEXT);
    expect(bounded.message.endsWith('a…')).toBe(true);
    expect(bounded.hint?.length).toBeLessThan(1000);
  });

  it("keeps an SSH host's key, field by field, for the trust dialog", () => {
    const hostKey = {
      host: '10.0.0.2',
      port: 22,
      keyType: 'ssh-ed25519',
      bits: 256,
      label: 'ED25519',
      fingerprint: `SHA256:${'A'.repeat(43)}`,
      knownHostsFile: '/home/me/.ssh/known_hosts',
      line: 3,
    };
    const e: ErrorEnvelope = { kind: 'ssh-host-changed', message: 'm', hostKey };
    expect(boundEnvelope({ ...e, hostKey: { ...hostKey, extra: 'x' } as never })).toEqual(e);
  });

  it('drops fields that are not part of the envelope', () => {
    const e = { kind: 'internal', message: 'm', json: 'x'.repeat(1e6) } as ErrorEnvelope;
    expect(boundEnvelope(e)).toEqual({ kind: 'internal', message: 'm' });
  });
});
