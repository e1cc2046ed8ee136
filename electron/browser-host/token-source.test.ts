import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveToken } from './token-source.ts';

const good = 'a'.repeat(32);

describe('resolveToken', () => {
  it('makes none up when nothing is given (the host then picks a random one)', async () => {
    await expect(resolveToken({ env: {} })).resolves.toBeUndefined();
  });

  it('refuses a token of 31 characters from any source, saying how long it must be', async () => {
    const short = 'a'.repeat(31);
    await expect(resolveToken({ flag: short, env: {} })).rejects.toThrow(/at least 32/);
    await expect(resolveToken({ env: { BERTH_TOKEN: short } })).rejects.toThrow(/BERTH_TOKEN/);
    await expect(resolveToken({ flag: 'a', env: {} })).rejects.toThrow(/1 characters/);
  });

  it('takes BERTH_TOKEN, and a flag over it', async () => {
    await expect(resolveToken({ env: { BERTH_TOKEN: good } })).resolves.toBe(good);
    const other = 'b'.repeat(40);
    await expect(resolveToken({ flag: other, env: { BERTH_TOKEN: good } })).resolves.toBe(other);
  });

  it('reads a token file without its trailing newline', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'berth-token-')), 'token');
    await writeFile(file, `${good}\n`);
    await expect(resolveToken({ file, env: {} })).resolves.toBe(good);
    await expect(resolveToken({ file: `${file}.missing`, env: {} })).rejects.toThrow(
      /Couldn't read the token file/,
    );
  });

  it('refuses two sources at once and tokens with spaces', async () => {
    await expect(resolveToken({ flag: good, file: '/x', env: {} })).rejects.toThrow(/one way/);
    await expect(resolveToken({ flag: `${good} x`, env: {} })).rejects.toThrow(/without spaces/);
  });
});
