// The desktop adapter run, not only type-checked: the preload's API and the
// main process's IPC bridge, wired through stand-ins for Electron built on
// Node's MessageChannel (fake-electron.testkit.ts). Calls, events queued until
// ready, streams both ways, sender checks, and malformed port messages.
import { PassThrough, Readable } from 'node:stream';
import type { MessagePort as NodePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorEnvelope } from '../contract/errors.ts';
import { HIGH_WATERMARK, MAX_INPUT_BYTES } from '../contract/flow-control.ts';
import {
  IPC,
  STREAM_PORT_KEY,
  type PortServerMessage,
  type PreloadApi,
} from '../contract/preload-api.ts';
import { CONNECTION_LIMITS } from '../transport/connection-bounds.ts';
import type { CallHandlers } from '../transport/dispatcher.ts';
import type { StreamSource } from '../transport/stream-pump.ts';
import { until } from '../transport/ws-pair.testkit.ts';
import { fakeDesktop, WINDOW, type FakeDesktop } from './fake-desktop.testkit.ts';
import {
  FakeWebContents,
  fakeIpcRenderer,
  PAGE_URL,
  type SenderIdentity,
} from './fake-electron.testkit.ts';

const disposers: (() => void)[] = [];
const openPorts: NodePort[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dispose of disposers.splice(0)) dispose();
  for (const port of openPorts.splice(0)) port.close();
});

function desktop(calls: Partial<CallHandlers> = {}, stream?: () => StreamSource) {
  const d = fakeDesktop({ calls, stream });
  disposers.push(d.dispose);
  return d;
}

/** Opens a stream as the renderer does: through the preload, then the port it hands the page. */
async function openStream(
  d: FakeDesktop,
  sid: number,
  api: PreloadApi = d.api,
  channel = 'engine.log',
  args: unknown[] = [{ tail: 0 }],
) {
  const portArrives = d.page.portFor(sid, STREAM_PORT_KEY);
  api.openStream(sid, channel, args);
  const port = await portArrives;
  openPorts.push(port);
  const messages: PortServerMessage[] = [];
  let closed = false;
  port.on('message', (m: PortServerMessage) => messages.push(m));
  port.on('close', () => (closed = true));
  const text = () =>
    Buffer.concat(
      messages.flatMap((m) => (m.t === 'data' ? [Buffer.from(m.bytes)] : [])),
    ).toString();
  const received = () =>
    messages.reduce((n, m) => n + (m.t === 'data' ? m.bytes.byteLength : 0), 0);
  const problems = () =>
    messages.flatMap((m) => (m.t === 'protocol-error' ? [m.error.message] : []));
  const ends = () => messages.filter((m) => m.t === 'end');
  return { port, messages, text, received, problems, ends, closed: () => closed };
}

async function expectUntil(check: () => boolean, ms = 10_000): Promise<void> {
  expect(await until(check, ms)).toBe(true);
}

function echoTerminal(sizes: string[] = []): StreamSource {
  const echo = new PassThrough();
  return {
    output: echo,
    input: echo,
    resize: (cols, rows) => void sizes.push(`${cols}x${rows}`),
  };
}

describe('desktop IPC bridge', { timeout: 30_000 }, () => {
  describe('calls', () => {
    it('answers a call with its value, checked against the contract', async () => {
      const d = desktop({ 'engine.candidates': () => [] });
      expect(await d.api.call('engine.candidates', [])).toEqual({ ok: true, value: [] });
    });

    it('answers bad arguments and unknown channels with an envelope', async () => {
      const d = desktop({ 'engine.use': () => undefined });
      const bad = await d.api.call('engine.use', [42]);
      expect(bad).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
      const unknown = await d.api.call('nope.nothing', []);
      expect(unknown).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
    });

    it('refuses a call whose channel is not a string', async () => {
      const d = desktop();
      const ipc = fakeIpcRenderer(d.ipcMain, d.contents);
      expect(await ipc.invoke(IPC.call, { toString: 'x' }, [])).toMatchObject({
        ok: false,
        error: { kind: 'bad-request', message: 'A call names its channel with a string.' },
      });
    });

    it('runs at most the per-connection cap of calls at once, and answers all', async () => {
      let running = 0;
      let most = 0;
      let open: () => void = () => {};
      const gate = new Promise<void>((r) => (open = r));
      const d = desktop({
        'engine.candidates': async () => {
          most = Math.max(most, ++running);
          await gate;
          running--;
          return [];
        },
      });
      const replies = Array.from({ length: 200 }, () => d.api.call('engine.candidates', []));
      await expectUntil(() => running === CONNECTION_LIMITS.calls);
      open();
      const all = await Promise.all(replies);
      expect(all.every((r) => r.ok)).toBe(true);
      expect(most).toBe(CONNECTION_LIMITS.calls);
    });
  });

  describe('events', () => {
    it('holds events until the page is ready, then sends them in order, then at once', async () => {
      const d = desktop();
      const seen: string[] = [];
      d.api.onEvent((ch) => seen.push(ch));
      d.events.emit('engine.candidates', []);
      d.events.emit('engine.status', { state: 'running' } as never);
      await new Promise((r) => setTimeout(r, 30));
      expect(seen).toEqual([]);
      d.api.ready();
      await expectUntil(() => seen.length === 2);
      expect(seen).toEqual(['engine.candidates', 'engine.status']);
      d.events.emit('engine.candidates', []);
      await expectUntil(() => seen.length === 3);
    });

    it('stops delivering to a listener that unsubscribed', async () => {
      const d = desktop();
      const seen: string[] = [];
      const off = d.api.onEvent((ch) => seen.push(ch));
      d.api.ready();
      off();
      d.events.emit('engine.candidates', []);
      await new Promise((r) => setTimeout(r, 30));
      expect(seen).toEqual([]);
    });
  });

  describe('streams', () => {
    it('pauses a stream the page does not acknowledge, and finishes it as acks arrive', async () => {
      let produced = 0;
      const total = 1_000_000;
      const d = desktop({}, () =>
        Readable.from(
          (function* () {
            while (produced < total) {
              produced += 16 * 1024;
              yield Buffer.alloc(16 * 1024, 120);
            }
          })(),
        ),
      );
      const s = await openStream(d, 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(s.received()).toBeLessThan(HIGH_WATERMARK * 3);
      expect(produced).toBeLessThan(total / 2);
      let acked = 0;
      await expectUntil(() => {
        const owed = s.received() - acked;
        if (owed > 0) s.port.postMessage({ t: 'ack', bytes: owed });
        acked += owed;
        return s.ends().length === 1;
      });
      expect(s.received()).toBeGreaterThanOrEqual(total);
    });

    it('cancels a stream once, stopping its source, and closes the port', async () => {
      let source: PassThrough | undefined;
      const d = desktop({}, () => (source = new PassThrough()));
      const s = await openStream(d, 2);
      await expectUntil(() => source !== undefined);
      s.port.postMessage({ t: 'cancel' });
      s.port.postMessage({ t: 'cancel' });
      await expectUntil(() => s.ends().length === 1);
      expect(source?.destroyed).toBe(true);
      await new Promise((r) => setTimeout(r, 30));
      expect(s.ends()).toEqual([{ t: 'end' }]);
    });

    it('carries text input, byte input and resizes to a stream that takes them', async () => {
      const sizes: string[] = [];
      const d = desktop({}, () => echoTerminal(sizes));
      const s = await openStream(d, 3);
      s.port.postMessage({ t: 'resize', cols: 132, rows: 43 });
      s.port.postMessage({ t: 'input', data: 'whoami\r' });
      s.port.postMessage({ t: 'input', data: new Uint8Array([0x1b, 0x5b, 0x41]) });
      await expectUntil(() => s.text() === 'whoami\r\x1b[A');
      await expectUntil(() => sizes.length === 1);
      expect(sizes).toEqual(['132x43']);
      expect(s.problems()).toEqual([]);
    });

    it('refuses input to a read-only stream on its port and keeps streaming', async () => {
      let source: PassThrough | undefined;
      const d = desktop({}, () => (source = new PassThrough()));
      const s = await openStream(d, 4);
      s.port.postMessage({ t: 'input', data: 'q' });
      s.port.postMessage({ t: 'resize', cols: 80, rows: 24 });
      await expectUntil(() => s.problems().length === 2);
      expect(s.problems()).toEqual([
        'This stream takes no input.',
        'This stream has no terminal size to change.',
      ]);
      source?.write('more log\n');
      await expectUntil(() => s.text() === 'more log\n');
      expect(s.ends()).toEqual([]);
    });

    it('refuses streams past the per-connection cap', async () => {
      const d = desktop();
      const streams = [];
      for (let sid = 1; sid <= CONNECTION_LIMITS.streams + 1; sid++) {
        streams.push(await openStream(d, sid));
      }
      const last = streams.at(-1)!;
      await expectUntil(() => last.ends().length === 1);
      expect((last.ends()[0] as { error: ErrorEnvelope }).error.message).toBe(
        `Too many streams open at once on this connection (limit ${CONNECTION_LIMITS.streams}).`,
      );
      expect(streams.slice(0, -1).every((s) => s.ends().length === 0)).toBe(true);
    });

    it('cancels every stream when the bridge is disposed', async () => {
      let source: PassThrough | undefined;
      const d = desktop({}, () => (source = new PassThrough()));
      await openStream(d, 5);
      await expectUntil(() => source !== undefined);
      for (const dispose of disposers.splice(0)) dispose();
      await expectUntil(() => source?.destroyed === true);
      expect(d.ipcMain.handlers.size).toBe(0);
      expect(d.ipcMain.listeners.size).toBe(0);
    });
  });

  describe('sender checks', () => {
    const strangers: [string, (d: FakeDesktop) => SenderIdentity][] = [
      ['another webContents', () => ({ sender: new FakeWebContents() })],
      ['a subframe', () => ({ parent: { url: PAGE_URL } })],
      ['an untrusted URL', () => ({ url: 'https://example.com/' })],
    ];

    for (const [who, identity] of strangers) {
      it(`refuses calls, ready, streams and the folder picker from ${who}`, async () => {
        const warnings: string[] = [];
        vi.spyOn(console, 'warn').mockImplementation((text: string) => void warnings.push(text));
        let opened = 0;
        const d = desktop({ 'engine.candidates': () => [] }, () => {
          opened++;
          return new PassThrough();
        });
        const stranger = d.apiFrom(identity(d));
        expect(await stranger.call('engine.candidates', [])).toEqual({
          ok: false,
          error: { kind: 'bad-request', message: 'Refused: unknown sender.' },
        });
        expect(await stranger.pickFolder()).toBeNull();
        expect(d.dialog.opened).toEqual([]);

        const seen: string[] = [];
        d.api.onEvent((ch) => seen.push(ch));
        d.events.emit('engine.candidates', []);
        stranger.ready();
        const s = await openStream(d, 9, stranger);
        await expectUntil(() => s.closed());
        await new Promise((r) => setTimeout(r, 30));
        expect(seen).toEqual([]);
        expect(opened).toBe(0);
        expect(warnings).toHaveLength(4);
        expect(warnings.every((w) => w.startsWith('[ipc] refused a message from'))).toBe(true);
      });
    }

    it('opens the folder picker on our window for our own page', async () => {
      const d = desktop();
      expect(await d.api.pickFolder()).toBe('/home/me/site');
      expect(d.dialog.opened).toEqual([
        { window: WINDOW, options: { properties: ['openDirectory'] } },
      ]);
      d.dialog.answer = { canceled: true, filePaths: [] };
      expect(await d.api.pickFolder()).toBeNull();
    });
  });

  describe('malformed port messages', () => {
    const malformed: [string, unknown][] = [
      ['null', null],
      ['a string', 'ack'],
      ['a number', 7],
      ['an array', [{ t: 'ack', bytes: 1 }]],
      ['an unknown tag', { t: 'explode' }],
      ['an ack without bytes', { t: 'ack' }],
      ['a negative ack', { t: 'ack', bytes: -5 }],
      ['an ack of text', { t: 'ack', bytes: '100' }],
      ['input of the wrong type', { t: 'input', data: { length: 3 } }],
      ['text input past the limit', { t: 'input', data: 'x'.repeat(MAX_INPUT_BYTES + 1) }],
      ['byte input past the limit', { t: 'input', data: new Uint8Array(MAX_INPUT_BYTES + 1) }],
      ['a resize of zero columns', { t: 'resize', cols: 0, rows: 24 }],
      ['a resize past 1000 rows', { t: 'resize', cols: 80, rows: 1001 }],
      ['a fractional resize', { t: 'resize', cols: 80.5, rows: 24 }],
    ];

    it('answers each with a protocol error, never throws in main, and the stream goes on', async () => {
      const d = desktop({}, () => echoTerminal());
      const s = await openStream(d, 1);
      for (const [, message] of malformed) s.port.postMessage(message);
      await expectUntil(() => s.problems().length === malformed.length);
      for (const problem of s.problems()) {
        expect(problem).toMatch(/^The stream message has the wrong shape: /);
        expect(problem.length).toBeLessThan(1000);
      }
      s.port.postMessage({ t: 'input', data: 'still alive' });
      await expectUntil(() => s.text() === 'still alive');
      expect(s.ends()).toEqual([]);
    });

    it('ends a stream whose open request is malformed, without throwing in main', async () => {
      const d = desktop();
      const ipc = fakeIpcRenderer(d.ipcMain, d.contents);
      for (const request of [null, 'engine.log', { sid: 1, ch: 42 }, { sid: -1, ch: 'x' }]) {
        const { port1, port2 } = new MessageChannel();
        openPorts.push(port2);
        const messages: PortServerMessage[] = [];
        port2.on('message', (m: PortServerMessage) => messages.push(m));
        ipc.postMessage(IPC.openStream, request, [port1]);
        await expectUntil(() => messages.length === 1);
        expect(messages[0]).toMatchObject({ t: 'end', error: { kind: 'bad-request' } });
      }
    });

    it('ignores an open request that brings no port', async () => {
      let opened = 0;
      const d = desktop({}, () => {
        opened++;
        return new PassThrough();
      });
      fakeIpcRenderer(d.ipcMain, d.contents).send(IPC.openStream, {
        sid: 1,
        ch: 'engine.log',
        args: [{ tail: 0 }],
      });
      await new Promise((r) => setTimeout(r, 30));
      expect(opened).toBe(0);
    });
  });
});
