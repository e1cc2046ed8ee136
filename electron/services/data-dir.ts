// The data folder holds the engine's data-root, its socket and the app's
// settings, and the managed engine runs as root from it: a folder someone else
// owns or may write to (say /tmp/berth, made by another user before Berth ran)
// would let them swap what the engine reads. So an existing folder must be
// ours and closed to writes by others, and a new one is made private.
import { lstat, mkdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ContractError } from '../contract/errors.ts';

interface DataDirCheckOptions {
  /** Windows has no POSIX owner and mode bits: nothing to check there. */
  platform?: NodeJS.Platform;
}

/** Creates the folder (mode 0700) when missing; refuses one that others own or may write to. */
export async function ensureDataDir(
  dataDir: string,
  opts: DataDirCheckOptions = {},
): Promise<void> {
  const platform = opts.platform ?? process.platform;
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // Something that is not a folder is in the way: said below, in plain words.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const folder = await stat(dataDir);
  if (!folder.isDirectory()) {
    throw new ContractError({
      kind: 'conflict',
      message: `The data folder ${dataDir} is not a folder.`,
      hint: 'Pick another folder with --data-dir (or BERTH_DATA_DIR).',
    });
  }
  if (platform === 'win32') return;
  const uid = process.geteuid?.() ?? process.getuid?.();
  if (uid === undefined) return;
  // A link in a shared folder could be pointed elsewhere later: it must be ours too.
  const link = await lstat(dataDir);
  if (link.isSymbolicLink() && link.uid !== uid) throw notOurs(dataDir, link, uid);
  if (folder.uid !== uid) throw notOurs(dataDir, folder, uid);
  if ((folder.mode & 0o022) !== 0) {
    const mode = (folder.mode & 0o777).toString(8).padStart(4, '0');
    throw new ContractError({
      kind: 'permission-denied',
      message:
        `The data folder ${dataDir} can be written by other users (mode ${mode}), ` +
        'so Berth will not keep its engine there.',
      hint: `Make it private with: chmod 700 ${shellWord(dataDir)} — or pick another folder with --data-dir (or BERTH_DATA_DIR).`,
    });
  }
}

function notOurs(dataDir: string, found: Stats, uid: number): ContractError {
  return new ContractError({
    kind: 'permission-denied',
    message:
      `The data folder ${dataDir} belongs to another user (uid ${found.uid}, you are ${uid}), ` +
      'so Berth will not keep its engine there.',
    hint:
      `If it is yours, take it back with: sudo chown ${uid} ${shellWord(dataDir)} && chmod 700 ${shellWord(dataDir)} ` +
      '— or pick another folder with --data-dir (or BERTH_DATA_DIR).',
  });
}

/** The path as one POSIX shell word, so the suggested command can be pasted as it is. */
function shellWord(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
