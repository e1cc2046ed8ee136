import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { TransferProgress } from '../../contract/transfer-progress-channels.ts';
import { FakeClock } from '../../engine/fake-clock.testkit.ts';
import { sha256Of, stubTransfers } from './stub-transfers.testkit.ts';
import type { Transfers } from './transfers.ts';

/** Every line the progress stream sends, as it comes. */
function watch(transfers: Transfers, id: string) {
  const lines: TransferProgress[] = [];
  const stream = transfers.progress.watch(id);
  let ended = false;
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      lines.push(JSON.parse(line) as TransferProgress);
  });
  stream.on('end', () => (ended = true));
  return { lines, stream, ended: () => ended, last: () => lines.at(-1) };
}

const sink = () => new PassThrough().resume();

describe('transfer progress', () => {
  it('counts a download chunk by chunk, a line at most every 200 ms, and ends with done', async () => {
    const clock = new FakeClock();
    const source = new PassThrough();
    const transfers = stubTransfers({ download: () => source }, clock);
    const ticket = await transfers.open({
      kind: 'images.save',
      args: { refs: ['busybox'] },
      estimatedBytes: 1000,
    });
    const seen = watch(transfers, ticket.id);
    await clock.advance(0);
    expect(seen.lines).toEqual([{ bytes: 0, total: 1000, estimated: true, state: 'waiting' }]);

    const taken = transfers.take(ticket.id, 'download');
    if (!taken.ok || taken.transfer.direction !== 'download') throw new Error('not taken');
    const copied = pipeline(await taken.transfer.open(), sink());
    for (let i = 0; i < 5; i++) source.write(Buffer.alloc(100));
    await clock.advance(50);
    // Five chunks within 200 ms of the first line: still one line.
    expect(seen.lines).toHaveLength(1);
    await clock.advance(150);
    expect(seen.last()).toMatchObject({ bytes: 500, state: 'moving', total: 1000 });
    source.end(Buffer.alloc(80));
    await copied;
    await clock.until(seen.ended);
    expect(seen.last()).toEqual({ bytes: 580, total: 1000, estimated: true, state: 'done' });
    expect(clock.pendingTimers).toBe(0);
  });

  it("counts an upload's body against its size, and reports the consumer's failure", async () => {
    const clock = new FakeClock();
    const transfers = stubTransfers(
      {
        consume: async (body) => {
          await sha256Of(body);
          throw new Error('unexpected EOF');
        },
      },
      clock,
    );
    const ticket = await transfers.open({ kind: 'images.load', args: {} });
    const taken = transfers.take(ticket.id, 'upload');
    if (!taken.ok || taken.transfer.direction !== 'upload') throw new Error('not taken');
    const seen = watch(transfers, ticket.id);
    const body = Readable.from([Buffer.alloc(300), Buffer.alloc(200)]);
    await expect(taken.transfer.consume(body, { name: 'a.tar', size: 500 })).rejects.toThrow(
      'unexpected EOF',
    );
    await clock.until(seen.ended);
    expect(seen.last()).toMatchObject({ bytes: 500, total: 500, state: 'failed' });
    expect(seen.last()?.error?.message).toMatch(/unexpected EOF/);
  });

  it('says a cancelled dialog, a ticket nobody takes, and an id never issued', async () => {
    const clock = new FakeClock();
    const transfers = stubTransfers({}, clock);
    const cancelled = await transfers.open({ kind: 'engine.log', args: {} });
    const taken = transfers.take(cancelled.id, 'download');
    if (!taken.ok) throw new Error('not taken');
    taken.transfer.cancel();
    const one = watch(transfers, cancelled.id);
    await clock.until(one.ended);
    expect(one.last()).toMatchObject({ state: 'failed', error: { kind: 'cancelled' } });

    const unused = await transfers.open({ kind: 'engine.log', args: {} });
    const two = watch(transfers, unused.id);
    await clock.until(two.ended, 61_000);
    expect(two.last()).toMatchObject({ state: 'failed', error: { kind: 'not-found' } });
    expect(clock.pendingTimers).toBe(0);

    expect(() => transfers.progress.watch('x'.repeat(43))).toThrow(/No transfer has this id/);
  });

  it('stops its timers when the stream is closed first', async () => {
    const clock = new FakeClock();
    const transfers = stubTransfers({}, clock);
    const ticket = await transfers.open({ kind: 'engine.log', args: {} });
    const seen = watch(transfers, ticket.id);
    expect(clock.pendingTimers).toBe(1);
    seen.stream.destroy();
    await clock.advance(0);
    expect(clock.pendingTimers).toBe(0);
  });
});
