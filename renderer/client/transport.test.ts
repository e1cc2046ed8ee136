import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import { MAX_INPUT_BYTES, MAX_PENDING_INPUT_BYTES } from '../../electron/contract/flow-control.ts';
import { StreamOutbox, type StreamInput } from './transport.ts';

function outbox() {
  const refused: ErrorEnvelope[] = [];
  const box = new StreamOutbox({
    onData: () => {},
    onEnd: () => {},
    onRefused: (e) => refused.push(e),
  });
  const sent: StreamInput[] = [];
  return { box, refused, sent, open: () => box.open((m) => sent.push(m)) };
}

const sizeOf = (m: StreamInput) =>
  m.t !== 'input' ? 0 : typeof m.data === 'string' ? m.data.length : m.data.byteLength;

describe('StreamOutbox', () => {
  it('holds input and the latest size until the stream opens, then sends them in order', () => {
    const o = outbox();
    o.box.resize(80, 24);
    o.box.input('ls');
    o.box.resize(100, 30);
    o.box.input(new Uint8Array([13]));
    expect(o.sent).toEqual([]);
    o.open();
    expect(o.sent).toEqual([
      { t: 'resize', cols: 100, rows: 30 },
      { t: 'input', data: 'ls' },
      { t: 'input', data: new Uint8Array([13]) },
    ]);
    o.box.input('x');
    expect(o.sent.at(-1)).toEqual({ t: 'input', data: 'x' });
  });

  it('cuts a paste bigger than one message into pieces of at most the limit', () => {
    const o = outbox();
    o.open();
    const paste = 'é'.repeat(MAX_INPUT_BYTES); // two bytes each in UTF-8
    o.box.input(paste);
    expect(o.sent).toHaveLength(2);
    expect(o.sent.every((m) => sizeOf(m) <= MAX_INPUT_BYTES)).toBe(true);
    const decoder = new TextDecoder();
    const text = o.sent
      .map((m) => (m.t === 'input' && typeof m.data !== 'string' ? m.data : new Uint8Array()))
      .map((bytes, i, all) => decoder.decode(bytes, { stream: i < all.length - 1 }))
      .join('');
    expect(text).toBe(paste);
  });

  it('refuses input past the waiting bound before the stream opens', () => {
    const o = outbox();
    o.box.input(new Uint8Array(MAX_PENDING_INPUT_BYTES));
    o.box.input('one more');
    expect(o.refused.map((e) => e.message)).toEqual([
      `Too much input at once (limit ${MAX_PENDING_INPUT_BYTES} bytes).`,
    ]);
    o.open();
    expect(o.sent.reduce((n, m) => n + sizeOf(m), 0)).toBe(MAX_PENDING_INPUT_BYTES);
  });

  it('refuses one input bigger than the bound whole, rather than half of it', () => {
    const o = outbox();
    o.open();
    o.box.input(new Uint8Array(MAX_PENDING_INPUT_BYTES + 1));
    expect(o.sent).toEqual([]);
    expect(o.refused).toHaveLength(1);
  });

  it('keeps sizes within 1..1000 whole cells and ignores sizes that are not numbers', () => {
    const o = outbox();
    o.open();
    o.box.resize(0, 5000);
    o.box.resize(80.7, 24.2);
    o.box.resize(Number.NaN, 24);
    expect(o.sent).toEqual([
      { t: 'resize', cols: 1, rows: 1000 },
      { t: 'resize', cols: 80, rows: 24 },
    ]);
  });

  it('sends nothing once closed, even what was waiting', () => {
    const o = outbox();
    o.box.input('lost');
    o.box.close();
    o.open();
    o.box.input('also lost');
    o.box.resize(80, 24);
    expect(o.sent).toEqual([]);
  });
});
