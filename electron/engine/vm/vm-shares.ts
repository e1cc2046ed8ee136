// Which host folders Berth's VM shares, and how. On Linux and macOS a folder
// is shared at the same path, so `-v ~/app:/app` means the same folder inside
// the VM as on this computer: over virtio-9p, or over SMB from QEMU's own
// server where asked (one folder; the way Windows hosts share, so it can be
// tested on Linux). On Windows, where QEMU has no 9p, the guest mounts the
// user's own Windows share from the host (10.0.2.2) over SMB, at Docker
// Toolbox's path: C:\Users at /c/Users. The home folder by default;
// `vmSharedFolders` in settings.json replaces it; BERTH_VM_SHARES (folders
// separated like PATH, `smb=` before one for SMB, empty for none) replaces
// both, for tests and development. Folders the guest needs for itself are
// refused here, since the guest's init stops at them (native/vm/guest/berth-shares).
import path from 'node:path';
import type { VmSharedFolder } from '../../contract/settings-channels.ts';
import { guestNetwork } from './guest-contract.ts';
import type { HostOs } from './qemu-args.ts';

/** fw_cfg has a few dozen file slots, shared with the TLS material; each 9p share is a PCI device too. */
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

export type ShareTransport = '9p' | 'smb';

/** A folder the guest mounts over SMB: //server/share at mountPath. */
export interface SmbShare {
  /** The folder on this computer (QEMU serves it on Linux and macOS; on Windows, the user shared it). */
  folder: string;
  mountPath: string;
  server: string;
  share: string;
}

export interface ShareChoice {
  /** Folders shared over 9p at the same path. */
  shares: string[];
  smbShares: SmbShare[];
  /** Folders left out, and why (shown on the Engine page and logged). */
  skipped: { folder: string; reason: string }[];
}

interface Asked {
  folder: string;
  transport: ShareTransport;
  share?: string | undefined;
  mountPath: string;
}

const WINDOWS_ABSOLUTE = /^[A-Za-z]:[\\/]/;

/** Where the VM mounts a Windows folder (Docker Toolbox's convention): `C:\Users\me` at `/c/Users/me`. */
export function windowsMountPath(folder: string): string {
  const rest = folder.slice(2).replaceAll('\\', '/');
  return trimSlash(path.posix.normalize(`/${folder[0]!.toLowerCase()}/${rest}`));
}

/**
 * A bind mount's source as the VM sees it: on a Windows host `C:\Users\me\app`
 * is `/c/Users/me/app` (under the share of C:\Users); any other source as is.
 */
export function vmBindSource(source: string, os: HostOs): string {
  return os === 'win32' && WINDOWS_ABSOLUTE.test(source) ? windowsMountPath(source) : source;
}

/** The name Windows gives a folder's share by default (Explorer's "Share"): its own name. */
function defaultShareName(folder: string): string {
  return path.win32.basename(folder) || folder[0]!.toUpperCase();
}

function trimSlash(p: string): string {
  return p.replace(/(.)\/+$/, '$1');
}

/** BERTH_VM_SHARES's entries: `smb=/path` asks for SMB. */
function fromEnv(value: string, os: HostOs): VmSharedFolder[] {
  return value
    .split(os === 'win32' ? ';' : ':')
    .filter((f) => f !== '')
    .map((f): VmSharedFolder =>
      f.startsWith('smb=') ? { folder: f.slice(4), transport: 'smb' } : f,
    );
}

export function resolveVmShares(opts: {
  env: Record<string, string | undefined>;
  homeDir: string;
  /** settings.json's vmSharedFolders; null or absent means the home folder. */
  configured?: readonly VmSharedFolder[] | null;
  /** Whether a folder exists on this computer (fs.statSync in the app). */
  isFolder(folder: string): boolean;
  os?: HostOs;
}): ShareChoice {
  const os = opts.os ?? 'linux';
  const envValue = opts.env.BERTH_VM_SHARES;
  const asked =
    envValue !== undefined ? fromEnv(envValue, os) : (opts.configured ?? [opts.homeDir]);
  const skipped: ShareChoice['skipped'] = [];
  const candidates: Asked[] = [];
  for (const entry of asked) {
    const wanted = typeof entry === 'string' ? { folder: entry } : entry;
    const { folder } = wanted;
    const reason = refusal(folder, os, wanted.transport, opts.isFolder);
    if (reason) {
      skipped.push({ folder, reason });
      continue;
    }
    candidates.push(
      os === 'win32'
        ? { folder, transport: 'smb', share: wanted.share, mountPath: windowsMountPath(folder) }
        : {
            folder: trimSlash(path.posix.normalize(folder)),
            transport: wanted.transport ?? '9p',
            mountPath: trimSlash(path.posix.normalize(folder)),
          },
    );
  }
  // A folder inside another shared one is already there through its parent;
  // sharing it twice would hide the parent's view of it. Windows' paths ignore case.
  const key = (a: Asked) => (os === 'win32' ? a.mountPath.toLowerCase() : a.mountPath);
  const sorted = [...new Map(candidates.map((a) => [key(a), a])).values()].sort((a, b) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0,
  );
  const kept: Asked[] = [];
  for (const a of sorted) {
    const parent = kept.find((p) => key(a).startsWith(key(p) === '/' ? '/' : `${key(p)}/`));
    if (parent) {
      skipped.push({
        folder: a.folder,
        reason: `it is inside ${parent.folder}, which is shared already`,
      });
    } else if (os !== 'win32' && a.transport === 'smb' && kept.some((k) => k.transport === 'smb')) {
      skipped.push({
        folder: a.folder,
        reason: 'QEMU serves one folder over SMB on this computer: share it over 9p instead',
      });
    } else kept.push(a);
  }
  if (kept.length > MAX_SHARES) {
    for (const a of kept.splice(MAX_SHARES)) {
      skipped.push({
        folder: a.folder,
        reason: `Berth shares at most ${MAX_SHARES} folders with its VM`,
      });
    }
  }
  const smbShares = kept
    .filter((a) => a.transport === 'smb')
    .map((a) =>
      os === 'win32'
        ? {
            folder: a.folder,
            mountPath: a.mountPath,
            server: guestNetwork.hostAlias,
            share: a.share ?? defaultShareName(a.folder),
          }
        : {
            folder: a.folder,
            mountPath: a.mountPath,
            server: guestNetwork.qemuSmbServer,
            share: guestNetwork.qemuSmbShare,
          },
    );
  return {
    shares: kept.filter((a) => a.transport === '9p').map((a) => a.folder),
    smbShares,
    skipped,
  };
}

function refusal(
  folder: string,
  os: HostOs,
  transport: ShareTransport | undefined,
  isFolder: (folder: string) => boolean,
): string | null {
  // The guest reads its shares as lines (and tab-separated ones).
  if (/[\t\n\r\0]/.test(folder)) return 'its name holds a tab, a line break or a NUL';
  if (os === 'win32') {
    if (!WINDOWS_ABSOLUTE.test(folder)) return 'it is not a folder on a drive (such as C:\\Users)';
    if (transport === '9p')
      return 'QEMU for Windows has no 9p: Windows folders are shared over SMB';
    // The guest mounts at /c/...: nothing of its own lives there.
    return isFolder(folder) ? null : 'it is not a folder on this computer';
  }
  // The guest mounts each share at the host's own path, so it must be a posix one.
  if (!path.posix.isAbsolute(folder)) return 'it is not an absolute path';
  const normal = trimSlash(path.posix.normalize(folder));
  if (GUEST_PARENTS.includes(normal)) {
    return `the VM needs its own ${normal}: share a folder below it (such as your home folder)`;
  }
  const own = GUEST_FOLDERS.find((g) => normal === g || normal.startsWith(`${g}/`));
  if (own) return `the VM needs its own ${own}: it cannot be shared`;
  if (!isFolder(folder)) return 'it is not a folder on this computer';
  return null;
}
