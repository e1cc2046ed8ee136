import {
  chmod,
  chown,
  lchown,
  mkdir,
  mkdtemp,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeFailure } from '../contract/errors.ts';
import { ensureDataDir } from './data-dir.ts';

// Real folders in a private temp parent; the ownership cases need root (as the
// engine tests do), since only root can give a folder to another user.
const nobody = 65534;
const parents: string[] = [];
afterEach(async () => {
  for (const dir of parents.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function parent(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-data-dir-'));
  parents.push(dir);
  return dir;
}

/** The text the user reads: the message, then the hint. */
async function refusal(dataDir: string): Promise<string> {
  try {
    await ensureDataDir(dataDir);
  } catch (error) {
    return describeFailure(error);
  }
  throw new Error(`${dataDir} was accepted`);
}

describe('ensureDataDir', () => {
  it('creates a missing folder, and the folders above it, private to the user (0700)', async () => {
    const dataDir = join(await parent(), 'a', 'berth');
    await ensureDataDir(dataDir);
    const made = await stat(dataDir);
    expect(made.isDirectory()).toBe(true);
    expect(made.mode & 0o777).toBe(0o700);
    expect(made.uid).toBe(process.geteuid?.());
    expect((await stat(join(dataDir, '..'))).mode & 0o777).toBe(0o700);
  });

  it('accepts an existing folder of the user that others may read but not write', async () => {
    const dataDir = join(await parent(), 'berth');
    await mkdir(dataDir);
    await chmod(dataDir, 0o755);
    await expect(ensureDataDir(dataDir)).resolves.toBeUndefined();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o755);
  });

  it('refuses a folder anyone may write to, naming it and the chmod that fixes it', async () => {
    const dataDir = join(await parent(), 'shared berth');
    await mkdir(dataDir);
    await chmod(dataDir, 0o777);
    const said = await refusal(dataDir);
    expect(said).toContain(`The data folder ${dataDir} can be written by other users (mode 0777)`);
    expect(said).toContain(`chmod 700 '${dataDir}'`);
    expect(said).toContain('--data-dir');
  });

  it('refuses a folder its group may write to', async () => {
    const dataDir = join(await parent(), 'berth');
    await mkdir(dataDir);
    await chmod(dataDir, 0o770);
    expect(await refusal(dataDir)).toContain('(mode 0770)');
  });

  it('refuses a folder owned by another user, naming it and the chown that fixes it', async () => {
    const dataDir = join(await parent(), 'berth');
    await mkdir(dataDir, { mode: 0o700 });
    await chown(dataDir, nobody, nobody);
    const me = process.geteuid?.();
    const said = await refusal(dataDir);
    expect(said).toContain(
      `The data folder ${dataDir} belongs to another user (uid ${nobody}, you are ${me})`,
    );
    expect(said).toContain(`sudo chown ${me} ${dataDir} && chmod 700 ${dataDir}`);
    expect(said).toContain('--data-dir');
  });

  it('refuses a link another user owns, even to a folder of the user', async () => {
    const base = await parent();
    const target = join(base, 'mine');
    await mkdir(target, { mode: 0o700 });
    const link = join(base, 'berth');
    await symlink(target, link);
    await ensureDataDir(link);
    await lchown(link, nobody, nobody);
    expect(await refusal(link)).toContain(`The data folder ${link} belongs to another user`);
  });

  it('refuses a file where the folder should be', async () => {
    const base = await parent();
    const dataDir = join(base, 'berth');
    await writeFile(dataDir, '');
    expect(await refusal(dataDir)).toContain(`The data folder ${dataDir} is not a folder`);
  });

  it('skips the owner and mode checks on Windows, which has no POSIX modes', async () => {
    const dataDir = join(await parent(), 'berth');
    await mkdir(dataDir);
    await chmod(dataDir, 0o777);
    await expect(ensureDataDir(dataDir, { platform: 'win32' })).resolves.toBeUndefined();
  });
});
