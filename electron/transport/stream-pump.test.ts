import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../contract/errors.ts';
import { pumpStream } from './stream-pump.ts';

function collect() {
  const frames: Uint8Array[] = [];
  const ends: (ErrorEnvelope | undefined)[] = [];
  return {
    frames,
    ends,
    sink: { data: (b: Uint8Array) => frames.push(b), end: (e?: ErrorEnvelope) => ends.push(e) },
    total: () => frames.reduce((n, f) => n + f.byteLength, 0),
  };
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));

describe('pumpStream', () => {
  it('batches chunks written close together into one frame', async () => {
    const source = new PassThrough();
    const out = collect();
    pumpStream(source, out.sink, { batchMs: 5 });
    for (let i = 0; i < 100; i++) source.write('x');
    await tick(20);
    expect(out.frames).toHaveLength(1);
    expect(out.total()).toBe(100);
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
});
