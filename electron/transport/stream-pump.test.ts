import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { ErrorEnvelope } from '../contract/errors.ts';
import { pumpStream } from './stream-pump.ts';

function collect() {
  const frames: Uint8Array[] = [];
  const ends: (ErrorEnvelope | undefined)[] = [];
  const refusals: ErrorEnvelope[] = [];
  return {
    frames,
    ends,
    refusals,
    sink: {
      data: (b: Uint8Array) => frames.push(b),
      end: (e?: ErrorEnvelope) => ends.push(e),
      refused: (e: ErrorEnvelope) => refusals.push(e),
    },
    total: () => frames.reduce((n, f) => n + f.byteLength, 0),
  };
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));
/** Lets a stream's queued chunks flow (setImmediate runs after its ticks and microtasks). */
const flowed = () => new Promise((r) => setImmediate(r));

describe('pumpStream', () => {
  it('sends the first chunk after a quiet spell at once, and batches those close behind it', async () => {
    // The batch window is timing: on a busy machine real timers let 5 ms pass between
    // two lines of the test, so the clock is faked (the stream's own ticks are not).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const source = new PassThrough();
      const out = collect();
      pumpStream(source, out.sink, { batchMs: 5 });
      vi.advanceTimersByTime(100);
      source.write('e');
      await flowed();
      // An echo goes out without waiting for the batch timer.
      expect(out.frames.map((f) => f.byteLength)).toEqual([1]);
      vi.advanceTimersByTime(1);
      for (let i = 0; i < 100; i++) source.write('x');
      await flowed();
      expect(out.frames.map((f) => f.byteLength)).toEqual([1]);
      vi.advanceTimersByTime(5);
      expect(out.frames.map((f) => f.byteLength)).toEqual([1, 100]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('pauses the source above the high watermark and resumes after acks', async () => {
    const source = new PassThrough();
    const out = collect();
    const control = pumpStream(source, out.sink, {
      highWatermark: 1000,
      lowWatermark: 100,
      batchMs: 1,
    });
    source.write(Buffer.alloc(1500));
    await tick();
    expect(source.isPaused()).toBe(true);
    control.ack(1000);
    expect(source.isPaused()).toBe(true);
    control.ack(450);
    expect(source.isPaused()).toBe(false);
  });

  it('resumes a stalled stream once every byte is acknowledged', async () => {
    const source = new PassThrough();
    const out = collect();
    const control = pumpStream(source, out.sink, {
      highWatermark: 10,
      lowWatermark: 5,
      batchMs: 1,
    });
    source.write(Buffer.alloc(50));
    source.write(Buffer.alloc(50));
    await tick();
    const sentWhilePaused = out.total();
    control.ack(sentWhilePaused);
    await tick();
    expect(out.total()).toBe(100);
  });

  it('ends once, with the error when the source fails', async () => {
    const source = new PassThrough();
    const out = collect();
    pumpStream(source, out.sink);
    source.destroy(new Error('socket hang up'));
    await tick();
    expect(out.ends).toHaveLength(1);
    expect(out.ends[0]?.message).toContain('socket hang up');
  });

  it('stops reading and ends once when cancelled', async () => {
    const source = new PassThrough();
    const out = collect();
    const control = pumpStream(source, out.sink);
    control.cancel();
    control.cancel();
    await tick();
    expect(source.destroyed).toBe(true);
    expect(out.ends).toEqual([undefined]);
  });

  it('writes input to the stream and sends back what it echoes', async () => {
    const echo = new PassThrough();
    const out = collect();
    const control = pumpStream({ output: echo, input: echo }, out.sink, { batchMs: 1 });
    control.input(Buffer.from('ls -l\r'));
    await tick();
    expect(Buffer.concat(out.frames).toString()).toBe('ls -l\r');
    expect(out.refusals).toEqual([]);
  });

  it('refuses input and resize on a stream that takes neither, and keeps streaming', async () => {
    const source = new PassThrough();
    const out = collect();
    const control = pumpStream(source, out.sink, { batchMs: 1 });
    control.input(Buffer.from('x'));
    control.resize(80, 24);
    source.write('still here');
    await tick();
    expect(out.refusals.map((e) => e.message)).toEqual([
      'This stream takes no input.',
      'This stream has no terminal size to change.',
    ]);
    expect(Buffer.concat(out.frames).toString()).toBe('still here');
    expect(out.ends).toEqual([]);
  });

  it('refuses input past the bound while the program does not read it', async () => {
    // A stdin that never finishes a write: everything stays queued in it.
    const stuck = new Writable({ write() {} });
    const out = collect();
    const control = pumpStream({ output: new PassThrough(), input: stuck }, out.sink, {
      maxPendingInput: 100,
    });
    control.input(Buffer.alloc(60));
    control.input(Buffer.alloc(40));
    control.input(Buffer.alloc(1));
    expect(stuck.writableLength).toBe(100);
    expect(out.refusals).toHaveLength(1);
    expect(out.refusals[0]?.message).toContain('100 bytes are already waiting');
  });

  it('runs one resize at a time and then only the latest size', async () => {
    const sizes: string[] = [];
    let release: () => void = () => {};
    const out = collect();
    const control = pumpStream(
      {
        output: new PassThrough(),
        resize: (cols, rows) => {
          sizes.push(`${cols}x${rows}`);
          return new Promise<void>((r) => (release = r));
        },
      },
      out.sink,
    );
    control.resize(80, 24);
    control.resize(81, 24);
    control.resize(82, 25);
    await tick();
    expect(sizes).toEqual(['80x24']);
    release();
    await tick();
    expect(sizes).toEqual(['80x24', '82x25']);
  });

  it('reports a failed resize without ending the stream', async () => {
    const out = collect();
    const control = pumpStream(
      {
        output: new PassThrough(),
        resize: () => Promise.reject(new Error('no such exec')),
      },
      out.sink,
    );
    control.resize(80, 24);
    await tick();
    expect(out.refusals[0]?.message).toContain('no such exec');
    expect(out.ends).toEqual([]);
  });

  it('closes a separate input when the output is cancelled', async () => {
    const output = new PassThrough();
    const input = new PassThrough();
    const out = collect();
    pumpStream({ output, input }, out.sink).cancel();
    await tick();
    expect(output.destroyed).toBe(true);
    expect(input.destroyed).toBe(true);
  });
});
