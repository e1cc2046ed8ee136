// How many connections a process holds open to an engine's unix socket, as the
// kernel sees them: `ss -x` lists the engine's accepted sockets (local path =
// the engine socket) with the inode of their peer, and /proc/PID/fd names the
// socket inodes that process owns.
import { execFile } from 'node:child_process';
import { readdir, readlink } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export async function connectionsTo(socketPath: string, pid = process.pid): Promise<number> {
  return (await connectionInodesTo(socketPath, pid)).size;
}

/** The inodes of `pid`'s connections to the unix socket at `socketPath`: which ones, not only how many. */
export async function connectionInodesTo(
  socketPath: string,
  pid = process.pid,
): Promise<Set<string>> {
  const { stdout } = await execFileAsync('ss', ['-x', '-n', '-H']);
  const peers = new Set<string>();
  for (const line of stdout.split('\n')) {
    // Netid State Recv-Q Send-Q Local-Path Local-Inode Peer-Path Peer-Inode
    const f = line.trim().split(/\s+/);
    if (f[4] === socketPath && f[7]) peers.add(f[7]);
  }
  const ours = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode && peers.has(inode)) ours.add(inode);
  }
  return ours;
}
