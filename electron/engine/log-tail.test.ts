import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.testkit.ts';
import { LogTail, readLastLines } from './log-tail.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-logtail-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function tailOf(file: string) {
  const lines: string[] = [];
  const errors: Error[] = [];
  const tail = new LogTail(file, {
    clock: new FakeClock(),
    onLine: (line) => lines.push(line),
    onError: (error) => errors.push(error),
    maxLineChars: 20,
  });
  return { tail, lines, errors };
}

describe('LogTail', () => {
  it('hands out whole lines only, holding a partial one until it ends', async () => {
    const file = path.join(dir, 'd.log');
    const { tail, lines } = tailOf(file);
    await tail.start();
    await writeFile(file, 'one\ntw');
    await tail.drain();
    expect(lines).toEqual(['one']);
    await appendFile(file, 'o\r\nthree\n');
    await tail.drain();
    expect(lines).toEqual(['one', 'two', 'three']);
    tail.stop();
  });

  it('keeps a UTF-8 character split across reads intact', async () => {
    const file = path.join(dir, 'd.log');
    const { tail, lines } = tailOf(file);
    await tail.start();
    const bytes = Buffer.from('café\n');
    await writeFile(file, bytes.subarray(0, 4));
    await tail.drain();
    await appendFile(file, bytes.subarray(4));
    await tail.drain();
    expect(lines).toEqual(['café']);
  });

  it('starts near the end without a cut-off first line', async () => {
    const file = path.join(dir, 'd.log');
    await writeFile(file, 'aaaa\nbbbb\ncccc\n');
    const { tail, lines } = tailOf(file);
    await tail.start({ lastBytes: 7 });
    await tail.drain();
    expect(lines).toEqual(['cccc']);
  });

  it('starts over when the file is truncated', async () => {
    const file = path.join(dir, 'd.log');
    await writeFile(file, 'old line\n');
    const { tail, lines } = tailOf(file);
    await tail.start();
    await tail.drain();
    await writeFile(file, 'new\n');
    await tail.drain();
    expect(lines).toEqual(['old line', 'new']);
  });

  it('splits a runaway line into bounded pieces', async () => {
    const file = path.join(dir, 'd.log');
    const { tail, lines } = tailOf(file);
    await tail.start();
    await writeFile(file, 'x'.repeat(45));
    await tail.drain();
    expect(lines).toEqual(['x'.repeat(20), 'x'.repeat(20)]);
  });

  it('waits quietly for a file that does not exist yet', async () => {
    const { tail, lines, errors } = tailOf(path.join(dir, 'missing.log'));
    await tail.start();
    await tail.drain();
    expect([lines, errors]).toEqual([[], []]);
  });
});

describe('readLastLines', () => {
  it('returns the last lines, dropping a line cut by the byte limit', async () => {
    const file = path.join(dir, 'd.log');
    await writeFile(file, 'first line\nsecond\nthird\n');
    expect(await readLastLines(file, 2)).toEqual(['second', 'third']);
    expect(await readLastLines(file, 10, 12)).toEqual(['third']);
    expect(await readLastLines(file, 0)).toEqual([]);
  });

  it('returns nothing for a log that does not exist yet', async () => {
    expect(await readLastLines(path.join(dir, 'none.log'), 5)).toEqual([]);
  });
});
