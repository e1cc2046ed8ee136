import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../contract/errors.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { loadTransferFromFile } from './load-from-file.ts';
import { finalProgress, sha256Of, stubTransfers } from './stub-transfers.testkit.ts';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'berth-load-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const LOAD = { kind: 'images.load', args: {} } as const;

async function fileOf(bytes: Uint8Array, name = 'image.tar'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('loadTransferFromFile', () => {
  it('streams the picked file into the consumer and answers its result', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const path = await fileOf(bytes);
    const transfers = stubTransfers();
    const ticket = await transfers.open(LOAD);
    const usual: string[] = [];
    const outcome = await loadTransferFromFile(transfers, ticket.id, async (name) => {
      usual.push(name);
      return path;
    });
    expect(usual).toEqual(['image.tar']);
    expect(outcome).toEqual({ result: { loaded: [await sha256Of([bytes])] } });
    // The desktop's progress: the file's size, counted as it went.
    expect(await finalProgress(transfers, ticket.id)).toEqual({
      bytes: bytes.length,
      total: bytes.length,
      state: 'done',
    });
  });

  it("tells a copy into a container the file's own name and size (a tar entry needs both)", async () => {
    const bytes = randomBytes(1000);
    const path = await fileOf(bytes, 'notes ü.txt');
    const transfers = stubTransfers();
    const ticket = await transfers.open({
      kind: 'containers.copyIn',
      args: { id: 'web', path: '/tmp' },
    });
    const outcome = await loadTransferFromFile(transfers, ticket.id, async () => path);
    expect(outcome).toEqual({ result: { path: `notes ü.txt:1000:${await sha256Of([bytes])}` } });
  });

  it('answers null when the user cancels, and never starts the consumer', async () => {
    let consumed = 0;
    const transfers = stubTransfers({
      consume: async () => {
        consumed++;
        return { loaded: [] };
      },
    });
    const ticket = await transfers.open(LOAD);
    expect(await loadTransferFromFile(transfers, ticket.id, async () => null)).toBeNull();
    expect(await finalProgress(transfers, ticket.id)).toMatchObject({
      state: 'failed',
      error: { kind: 'cancelled' },
    });
    expect(consumed).toBe(0);
  });

  it('holds the file back while the consumer does not read, and loses nothing', async () => {
    const bytes = randomBytes(20 * 1024 * 1024);
    const path = await fileOf(bytes);
    let body: Readable | undefined;
    // What the pipe holds on both sides: past its marks, back-pressure pauses the file.
    const held = () => body!.readableLength + (body as unknown as Writable).writableLength;
    let read: () => void = () => {};
    const reading = new Promise<void>((r) => (read = r));
    const transfers = stubTransfers({
      consume: async (b) => {
        body = b;
        await reading;
        return { loaded: [await sha256Of(b)] };
      },
    });
    const ticket = await transfers.open(LOAD);
    const outcome = loadTransferFromFile(transfers, ticket.id, async () => path);
    const settle = { timeout: 10_000, interval: 10 };
    await vi.waitFor(() => expect(body?.readableLength).toBeGreaterThan(0), settle);
    // Wait until the pipe is full and nothing more moves.
    let last = -1;
    let steady = 0;
    await vi.waitFor(() => {
      steady = held() === last ? steady + 1 : 0;
      last = held();
      expect(steady).toBeGreaterThanOrEqual(10);
    }, settle);
    expect(held()).toBeLessThan(1024 * 1024);
    read();
    expect(await outcome).toEqual({ result: { loaded: [await sha256Of([bytes])] } });
  });

  it("says which file it could not read, and the consumer's words when the consumer fails", async () => {
    const transfers = stubTransfers({
      consume: async (b) => {
        await sha256Of(b);
        throw new ContractError({ kind: 'engine', message: "Couldn't load the image: EOF" });
      },
    });
    const missing = join(dir, 'gone.tar');
    const first = await transfers.open(LOAD);
    const failure = await loadTransferFromFile(transfers, first.id, async () => missing).catch(
      (err: unknown) => err,
    );
    expect(toErrorEnvelope(failure)).toEqual({
      kind: 'not-found',
      message: `Couldn't read ${missing}: there is no such file.`,
      hint: 'Pick another file.',
    });

    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    const second = await transfers.open(LOAD);
    const notAFile = await loadTransferFromFile(transfers, second.id, async () => folder).catch(
      (err: unknown) => err,
    );
    expect(toErrorEnvelope(notAFile)).toMatchObject({
      kind: 'bad-request',
      message: `Couldn't read ${folder}: it is a folder.`,
    });

    const third = await transfers.open(LOAD);
    const path = await fileOf(Buffer.from('not a tar'));
    await expect(loadTransferFromFile(transfers, third.id, async () => path)).rejects.toThrow(
      "Couldn't load the image: EOF",
    );
  });

  it('refuses a used ticket and a download ticket, without asking for a file', async () => {
    const transfers = stubTransfers();
    const upload = await transfers.open(LOAD);
    const path = await fileOf(Buffer.from('x'));
    await loadTransferFromFile(transfers, upload.id, async () => path);
    let asked = 0;
    const pick = async () => {
      asked++;
      return path;
    };
    await expect(loadTransferFromFile(transfers, upload.id, pick)).rejects.toThrow(
      /already used or has expired/,
    );
    const download = await transfers.open({ kind: 'engine.log', args: {} });
    await expect(loadTransferFromFile(transfers, download.id, pick)).rejects.toThrow(
      'This transfer link goes the other way.',
    );
    expect(asked).toBe(0);
  });
});
