import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toErrorEnvelope } from '../engine-errors.ts';
import { saveTransferToFile } from './save-to-file.ts';
import { finalProgress, stubTransfers } from './stub-transfers.testkit.ts';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'berth-save-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const LOG = { kind: 'engine.log', args: {} } as const;

describe('saveTransferToFile', () => {
  it('writes the download to the picked path, suggesting the ticket’s file name', async () => {
    const transfers = stubTransfers({ download: () => Readable.from(['line 1\n', 'line 2\n']) });
    const ticket = await transfers.open(LOG);
    const suggested: string[] = [];
    const saved = await saveTransferToFile(transfers, ticket.id, async (name) => {
      suggested.push(name);
      return join(dir, 'picked.log');
    });
    expect(saved).toBe(join(dir, 'picked.log'));
    expect(suggested).toEqual(['engine.log']);
    expect(await readFile(saved!, 'utf8')).toBe('line 1\nline 2\n');
    expect(await finalProgress(transfers, ticket.id)).toEqual({ bytes: 14, state: 'done' });
  });

  it('says which file it could not write, in words about the file, not the engine', async () => {
    const transfers = stubTransfers();
    const ticket = await transfers.open(LOG);
    const target = join(dir, 'no-such-folder', 'engine.log');
    const failure = await saveTransferToFile(transfers, ticket.id, async () => target).catch(
      (err: unknown) => err,
    );
    expect(toErrorEnvelope(failure)).toEqual({
      kind: 'not-found',
      message: `Couldn't write ${target}: the folder does not exist.`,
      hint: 'Pick another place to save it.',
    });
  });

  it('leaves no partial file when the download breaks off', async () => {
    const transfers = stubTransfers({
      download: () =>
        Readable.from(
          (async function* () {
            yield Buffer.from('the first half');
            throw new Error('the engine went away');
          })(),
        ),
    });
    const ticket = await transfers.open(LOG);
    const failure = await saveTransferToFile(transfers, ticket.id, async () =>
      join(dir, 'engine.log'),
    ).catch((err: unknown) => err);
    // The engine's failure stays the engine's: not blamed on the file.
    expect((failure as Error).message).toBe('the engine went away');
    expect(await readdir(dir)).toEqual([]);
    expect(await finalProgress(transfers, ticket.id)).toMatchObject({
      bytes: 14,
      state: 'failed',
      error: { message: expect.stringMatching(/the engine went away/) },
    });
  });
});
