// Which host folders Berth's VM shares at the same path, so `-v ~/app:/app`
// means the same folder inside the VM as on this computer and no path is ever
// translated. The home folder by default; `vmSharedFolders` in settings.json
// replaces it; BERTH_VM_SHARES (folders separated like PATH, empty for none)
// replaces both, for tests and development. Folders the guest needs for
// itself are refused here, since the guest's init stops at them (see
// native/vm/guest/berth-shares).
import path from 'node:path';

/** fw_cfg has a few dozen file slots, shared with the TLS material; each share is a PCI device too. */
export const MAX_SHARES = 8;

/** The guest's own folders: mounting a host folder over one would hide the guest's system or the engine's data. */
const GUEST_FOLDERS = [
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/etc',
  '/usr',
  '/proc',
  '/sys',
  '/dev',
  '/run',
  '/var/lib/docker',
];
/** Folders the guest needs beneath them, which may only be shared below them. */
const GUEST_PARENTS = ['/', '/var', '/var/lib'];

export interface ShareChoice {
  shares: string[];
  /** Folders left out, and why (shown on the Engine page and logged). */
  skipped: { folder: string; reason: string }[];
}

export function resolveVmShares(opts: {
  env: Record<string, string | undefined>;
  homeDir: string;
  /** settings.json's vmSharedFolders; null or absent means the home folder. */
  configured?: readonly string[] | null;
  /** Whether a folder exists on this computer (fs.statSync in the app). */
  isFolder(folder: string): boolean;
}): ShareChoice {
  const fromEnv = opts.env.BERTH_VM_SHARES;
  const asked =
    fromEnv !== undefined
      ? fromEnv.split(path.delimiter).filter((f) => f !== '')
      : (opts.configured ?? [opts.homeDir]);
  const skipped: ShareChoice['skipped'] = [];
  const candidates: string[] = [];
  for (const folder of asked) {
    const reason = refusal(folder, opts.isFolder);
    if (reason) skipped.push({ folder, reason });
    else candidates.push(path.posix.normalize(folder).replace(/(.)\/+$/, '$1'));
  }
  // A folder inside another shared one is already there through its parent; sharing it twice would hide the parent's view of it.
  const sorted = [...new Set(candidates)].sort();
  const shares: string[] = [];
  for (const folder of sorted) {
    const parent = shares.find((p) => folder.startsWith(p === '/' ? '/' : `${p}/`));
    if (parent) skipped.push({ folder, reason: `it is inside ${parent}, which is shared already` });
    else shares.push(folder);
  }
  if (shares.length > MAX_SHARES) {
    for (const folder of shares.splice(MAX_SHARES)) {
      skipped.push({ folder, reason: `Berth shares at most ${MAX_SHARES} folders with its VM` });
    }
  }
  return { shares, skipped };
}

function refusal(folder: string, isFolder: (folder: string) => boolean): string | null {
  // The guest mounts each share at the host's own path, so it must be a posix one (Windows: see the README).
  if (!path.posix.isAbsolute(folder)) return 'it is not an absolute path';
  // The guest reads its shares as tab-separated lines.
  if (/[\t\n\r\0]/.test(folder)) return 'its name holds a tab, a line break or a NUL';
  const normal = path.posix.normalize(folder).replace(/(.)\/+$/, '$1');
  if (GUEST_PARENTS.includes(normal)) {
    return `the VM needs its own ${normal}: share a folder below it (such as your home folder)`;
  }
  const own = GUEST_FOLDERS.find((g) => normal === g || normal.startsWith(`${g}/`));
  if (own) return `the VM needs its own ${own}: it cannot be shared`;
  if (!isFolder(folder)) return 'it is not a folder on this computer';
  return null;
}
