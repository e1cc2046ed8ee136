// The context a build sends, with the CLI's .dockerignore rules. The
// unreadable file is a write-only procfs file (/proc/sys/vm/drop_caches, mode
// 0200) bind-mounted into the folder: procfs checks its mode bits even for
// root, so opening it for reading fails with EACCES for the root these tests
// run as (a chmod 000 file would not: root reads through it).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walkContext } from './context-walk.ts';

const run = promisify(execFile);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-context-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function files(tree: Record<string, string>) {
  for (const [path, text] of Object.entries(tree)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

const names = async (dockerfile?: string) =>
  (await walkContext(dir, dockerfile)).entries.map((e) => e.name);

describe('build context walk', () => {
  it('honours .dockerignore with ! exceptions, inside excluded folders too', async () => {
    await files({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': '# comment\n*.log\nlogs\n!logs/keep.log\n/secret\n',
      'app.js': 'x',
      'debug.log': 'x',
      'logs/a.log': 'x',
      'logs/keep.log': 'x',
      secret: 'x',
      'src/secret': 'x',
    });
    expect(await names()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'app.js',
      'logs/keep.log',
      'src',
      'src/secret',
    ]);
  });

  it('sends the Dockerfile and .dockerignore even when .dockerignore excludes them, as the CLI does', async () => {
    await files({ Dockerfile: 'FROM scratch\n', '.dockerignore': 'Dockerfile\n.dockerignore\n' });
    const walk = await walkContext(dir);
    expect(walk.entries.map((e) => e.name)).toEqual(['.dockerignore', 'Dockerfile']);
    expect(walk.info.dockerfile).toMatchObject({ present: true, excluded: true, outside: false });
    expect(walk.dockerfile).toBe('Dockerfile');
  });

  it('measures files and bytes, counts links, and says when the Dockerfile is missing', async () => {
    await files({ 'a.txt': '12345', 'b/c.txt': '123' });
    await symlink('a.txt', join(dir, 'link'));
    const { info } = await walkContext(dir);
    expect(info).toMatchObject({ files: 3, bytes: 8, large: false, unreadable: [] });
    expect(info.dockerfile).toMatchObject({ present: false, path: join(dir, 'Dockerfile') });
  });

  it('calls a context over 100 MB large (a sparse file: measured, not read)', async () => {
    await files({ Dockerfile: 'FROM scratch\n' });
    await run('truncate', ['-s', '101M', join(dir, 'big')]);
    const { info } = await walkContext(dir);
    expect(info).toMatchObject({ files: 2, large: true });
    expect(info.bytes).toBeGreaterThan(100 * 1024 * 1024);
  });

  it('sends a Dockerfile from elsewhere under a generated name', async () => {
    const other = await mkdtemp(join(tmpdir(), 'berth-dockerfile-'));
    await writeFile(join(other, 'build.Dockerfile'), 'FROM scratch\n');
    await files({ 'a.txt': 'x' });
    const walk = await walkContext(dir, join(other, 'build.Dockerfile'));
    expect(walk.dockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    expect(walk.entries.map((e) => e.name)).toEqual(['a.txt', walk.dockerfile]);
    expect(walk.info.dockerfile).toMatchObject({ present: true, outside: true });
    await rm(other, { recursive: true });
  });

  it('names a file that cannot be read, even by root', async () => {
    await files({ Dockerfile: 'FROM scratch\n', locked: '' });
    await run('mount', ['--bind', '/proc/sys/vm/drop_caches', join(dir, 'locked')]);
    try {
      const { info } = await walkContext(dir);
      expect(info.unreadable).toEqual([{ path: join(dir, 'locked'), reason: 'permission denied' }]);
      // Excluded, it is neither opened nor sent.
      await writeFile(join(dir, '.dockerignore'), 'locked\n');
      expect((await walkContext(dir)).info.unreadable).toEqual([]);
    } finally {
      await run('umount', [join(dir, 'locked')]);
    }
  });

  it('opens only what is sent, also inside an excluded folder an exception reaches into', async () => {
    await files({
      Dockerfile: '',
      '.dockerignore': 'skip\n!keep/x\n',
      'skip/locked': '',
      'keep/x': '',
    });
    await run('mount', ['--bind', '/proc/sys/vm/drop_caches', join(dir, 'skip/locked')]);
    try {
      const walk = await walkContext(dir);
      expect(walk.info.unreadable).toEqual([]);
      expect(walk.entries.map((e) => e.name)).toContain('keep/x');
      // An exception into it makes it worth reading: the file is then found unreadable.
      await writeFile(join(dir, '.dockerignore'), 'skip\n!skip/locked\n');
      expect((await walkContext(dir)).info.unreadable).toEqual([
        { path: join(dir, 'skip/locked'), reason: 'permission denied' },
      ]);
    } finally {
      await run('umount', [join(dir, 'skip/locked')]);
    }
  });

  it('stops measuring at a limit and says the figures are partial', async () => {
    await files(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 'x'])));
    const { info } = await walkContext(dir, 'Dockerfile', { maxEntries: 10 });
    expect(info).toMatchObject({ complete: false, files: 10 });
    expect((await walkContext(dir)).info).toMatchObject({ complete: true, files: 30 });
  });

  it('refuses a context that is not a folder', async () => {
    await files({ plain: 'x' });
    await expect(walkContext(join(dir, 'plain'))).rejects.toThrow(/is not a folder/);
    await expect(walkContext(join(dir, 'absent'))).rejects.toThrow(/no such file or folder/);
  });
});
