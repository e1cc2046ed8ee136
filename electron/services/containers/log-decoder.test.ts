import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../contract/container-logs-channels.ts';
import { FrameReader, LogDecoder } from './log-decoder.ts';

const enc = new TextEncoder();
const T1 = '2026-12-01T10:00:00.000000001Z';
const T2 = '2026-12-01T10:00:00.000000002Z';
const T3 = '2026-12-01T10:00:00.000000003Z';

function frame(type: 1 | 2, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? enc.encode(payload) : payload;
  const out = new Uint8Array(8 + body.length);
  out[0] = type;
  new DataView(out.buffer).setUint32(4, body.length);
  out.set(body, 8);
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Feeds `bytes` cut at `cut`, then ends. */
function decode(bytes: Uint8Array, tty: boolean, cut = -1, maxPieceChars?: number): LogLine[] {
  const d = new LogDecoder({ tty, ...(maxPieceChars ? { maxPieceChars } : {}) });
  const pieces = cut < 0 ? [bytes] : [bytes.subarray(0, cut), bytes.subarray(cut)];
  return [...pieces.flatMap((p) => d.push(p)), ...d.end()];
}

describe('LogDecoder, framed (no TTY)', () => {
  it('tells stdout from stderr and takes the timestamp out, at every cut', () => {
    const bytes = concat(frame(1, `${T1} out one\n`), frame(2, `${T2} err <b>two</b>\n`));
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decode(bytes, false, cut), `cut at ${cut}`).toEqual([
        { stream: 'stdout', ts: T1, text: 'out one' },
        { stream: 'stderr', ts: T2, text: 'err <b>two</b>' },
      ]);
    }
  });

  it("joins json-file's partial messages into one line, a character split between them intact", () => {
    const euro = enc.encode('€'); // three bytes, cut after the first
    const first = concat(enc.encode(`${T1} abc`), euro.subarray(0, 1));
    const second = concat(enc.encode(`${T2} `), euro.subarray(1), enc.encode('def\n'));
    const bytes = concat(frame(1, first), frame(1, second), frame(1, `${T3} next\n`));
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decode(bytes, false, cut), `cut at ${cut}`).toEqual([
        { stream: 'stdout', ts: T1, text: 'abc€def' },
        { stream: 'stdout', ts: T3, text: 'next' },
      ]);
    }
  });

  it('keeps the two streams apart while one of them is mid-line', () => {
    const bytes = concat(
      frame(1, `${T1} half`),
      frame(2, `${T2} error\n`),
      frame(1, `${T3} -done\n`),
    );
    expect(decode(bytes, false)).toEqual([
      { stream: 'stderr', ts: T2, text: 'error' },
      { stream: 'stdout', ts: T1, text: 'half-done' },
    ]);
  });

  it('shows invalid UTF-8 as replacement characters', () => {
    const garbage = concat(
      enc.encode(`${T1} `),
      Uint8Array.of(0xff, 0xfe, 0x00, 0xc3),
      enc.encode('\n'),
    );
    expect(decode(frame(1, garbage), false)).toEqual([
      { stream: 'stdout', ts: T1, text: '\ufffd\ufffd\u0000\ufffd' },
    ]);
  });

  it('hands out a long line in bounded pieces, marking all but the last', () => {
    const lines = decode(frame(1, `${T1} ${'x'.repeat(10)}\n`), false, -1, 4);
    expect(lines.map((l) => [l.text, l.part ?? false])).toEqual([
      ['xxxx', true],
      ['xxxx', true],
      ['xx', false],
    ]);
    expect(new Set(lines.map((l) => l.ts))).toEqual(new Set([T1]));
  });
});

describe('LogDecoder, raw (TTY)', () => {
  it('takes the timestamp off each line, at every cut', () => {
    const bytes = enc.encode(`${T1} one\r\n${T2} two\r\n`);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decode(bytes, true, cut), `cut at ${cut}`).toEqual([
        { stream: 'stdout', ts: T1, text: 'one' },
        { stream: 'stdout', ts: T2, text: 'two' },
      ]);
    }
  });

  it('takes out the timestamp json-file puts 16 KiB into a long line', () => {
    const long = 'y'.repeat(16 * 1024);
    const bytes = enc.encode(`${T1} ${long}${T2} tail\r\n${T3} after\r\n`);
    const lines = decode(bytes, true, 16 * 1024 + 20, 1 << 20);
    expect(lines).toEqual([
      { stream: 'stdout', ts: T1, text: `${long}tail` },
      { stream: 'stdout', ts: T3, text: 'after' },
    ]);
  });

  it('keeps text that only looks like the place of a timestamp', () => {
    const long = 'z'.repeat(16 * 1024);
    const lines = decode(
      enc.encode(`${T1} ${long}not a timestamp at all, ok\n`),
      true,
      -1,
      1 << 20,
    );
    expect(lines).toEqual([
      { stream: 'stdout', ts: T1, text: `${long}not a timestamp at all, ok` },
    ]);
  });
});

describe('FrameReader', () => {
  it('hands out payloads in order, flagging each frame start, whatever the chunks', () => {
    const bytes = concat(frame(1, 'ab'), frame(2, 'cd'));
    const got: string[] = [];
    const r = new FrameReader();
    for (const b of bytes) {
      r.push(Uint8Array.of(b), (type, p, first) =>
        got.push(`${type}${first ? '^' : ''}${new TextDecoder().decode(p)}`),
      );
    }
    expect(got).toEqual(['1^a', '1b', '2^c', '2d']);
  });
});
