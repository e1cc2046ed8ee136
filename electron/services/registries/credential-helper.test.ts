// The helper protocol against real programs (test/helpers/credential-helper).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helperEnv, helperStoreContents } from '../../../test/helpers/credential-helpers.ts';
import { helperErase, helperGet, helperList, helperStore } from './credential-helper.ts';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-helper-'));
  env = helperEnv(path.join(dir, 'store.json'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('credential helper protocol', () => {
  it('stores, gets, lists and erases through the program', async () => {
    await helperStore(
      'berth-test',
      'localhost:5000',
      { username: 'alice', secret: 's3cret' },
      { env },
    );
    expect(await helperStoreContents(path.join(dir, 'store.json'))).toEqual({
      'localhost:5000': { Username: 'alice', Secret: 's3cret' },
    });
    expect(await helperGet('berth-test', 'localhost:5000', { env })).toEqual({
      username: 'alice',
      secret: 's3cret',
    });
    expect(await helperList('berth-test', { env })).toEqual({ 'localhost:5000': 'alice' });
    await helperErase('berth-test', 'localhost:5000', { env });
    expect(await helperGet('berth-test', 'localhost:5000', { env })).toBeUndefined();
  });

  it('reads "credentials not found" as no credentials, and erasing nothing as fine', async () => {
    expect(await helperGet('berth-test', 'nowhere:1', { env })).toBeUndefined();
    await expect(helperErase('berth-test', 'nowhere:1', { env })).resolves.toBeUndefined();
  });

  it('names a helper that is not installed', async () => {
    await expect(helperGet('berth-missing', 'localhost:5000', { env })).rejects.toThrow(
      'The credential helper docker-credential-berth-missing (get) is not installed: no program of that name is on PATH.',
    );
  });

  it('keeps the words of a helper that fails', async () => {
    await expect(helperGet('berth-broken', 'localhost:5000', { env })).rejects.toThrow(
      /docker-credential-berth-broken \(get\) failed: .*the keychain is locked/,
    );
  });

  it('gives up on a helper that never answers, within its deadline', async () => {
    const started = Date.now();
    await expect(
      helperGet('berth-hang', 'localhost:5000', { env, timeoutMs: 300 }),
    ).rejects.toThrow(/did not answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses a helper name that could leave docker-credential-*', async () => {
    await expect(helperGet('../../bin/sh', 'x', { env })).rejects.toThrow(/should not hold/);
  });
});
