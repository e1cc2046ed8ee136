// Data disks for Berth's VM made on the host, for tests of what the guest does
// with them. Made with e2fsprogs on a sparse file: cheap at any size.
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * An ext4 data disk of `sizeBytes` formatted as the guest formats a blank one
 * (native/vm/guest/berth-disk), holding one file whose blocks take all but
 * about `availableBytes` of what a write could use. debugfs allocates the
 * blocks without writing them, so the host file stays sparse (a few MiB of
 * metadata). Sized as the VM will use it: the guest grows a smaller file
 * system to the disk's size at boot, which would free the room again.
 */
export async function fullDataDisk(
  file: string,
  sizeBytes: number,
  availableBytes: number,
): Promise<void> {
  await rm(file, { force: true });
  await writeFile(file, '', { mode: 0o600 });
  await run('truncate', ['-s', String(sizeBytes), file]);
  await run(
    'mke2fs',
    ['-t', 'ext4', '-q', '-F', '-L', 'berth-data', '-m', '0', '-b', '4096'].concat([
      '-E',
      'lazy_itable_init=1,lazy_journal_init=1,nodiscard',
      file,
    ]),
    { timeout: 60_000 },
  );
  const { stdout } = await run('dumpe2fs', ['-h', file], { timeout: 30_000 });
  const free = Number(/^Free blocks:\s+(\d+)/m.exec(stdout)?.[1]);
  if (!Number.isInteger(free))
    throw new Error(`dumpe2fs did not say how many blocks are free:\n${stdout}`);
  // ext4 keeps min(2 %, 4096 blocks) for itself: available to a write is free minus that.
  const reserved = Math.min(4096, Math.floor(free * 0.02));
  const keep = Math.ceil(availableBytes / 4096) + reserved;
  const commands = `${file}.debugfs`;
  await writeFile(commands, `write /dev/null fill\nfallocate fill 0 ${free - keep - 1}\n`);
  try {
    await run('debugfs', ['-w', '-f', commands, file], { timeout: 60_000 });
  } finally {
    await rm(commands, { force: true });
  }
  // debugfs says little when a command fails: check the file system took it.
  const { stdout: after } = await run('dumpe2fs', ['-h', file], { timeout: 30_000 });
  const left = Number(/^Free blocks:\s+(\d+)/m.exec(after)?.[1]);
  if (!(left <= keep)) throw new Error(`debugfs left ${left} blocks free, not about ${keep}`);
}
