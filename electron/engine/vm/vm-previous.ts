// What an earlier session left of the VM. The app may have been killed while
// QEMU kept running (QEMU runs in its own session), or the machine may have
// crashed, leaving a pid file that names a dead or reused pid and a stale QMP
// socket. A QEMU is adopted only when it is ours (its command line names our
// data disk), its QMP socket answers and the record of its start is there;
// anything else running on our disk is ended, and the stale files removed.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { VmAccelerator, VmResources } from '../../contract/vm-channels.ts';
import type { Clock } from '../clock.ts';
import { isLive, readProcess, terminateProcess, type ProcessInfo } from '../processes.ts';
import { qemuValue } from './qemu-args.ts';
import { QmpClient } from './qmp.ts';
import type { VmLayout } from './vm-layout.ts';

/** What the running VM was started with (running.json), for adopting it and for the status. */
export interface VmRunRecord {
  pid: number;
  apiPort: number;
  accelerator: VmAccelerator;
  warning?: string;
  resources: VmResources;
  shares: string[];
}

export async function readRunRecord(file: string): Promise<VmRunRecord | null> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as VmRunRecord;
    return typeof record.apiPort === 'number' && typeof record.pid === 'number' ? record : null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || error instanceof SyntaxError) return null;
    throw error;
  }
}

/** A live QEMU whose command line names this VM's data disk. */
export function isQemuFor(info: ProcessInfo, layout: Pick<VmLayout, 'dataDisk'>): boolean {
  const exe = path.basename(info.argv[0] ?? '');
  const disk = `file=${qemuValue(layout.dataDisk)},`;
  return exe.startsWith('qemu-system-') && info.argv.some((arg) => arg.startsWith(disk));
}

async function qemusFor(layout: VmLayout): Promise<ProcessInfo[]> {
  const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number);
  const infos = await Promise.all(pids.map((pid) => readProcess(pid)));
  return infos.filter((p): p is ProcessInfo => isLive(p) && isQemuFor(p, layout));
}

export interface PreviousVm {
  adopted?: { record: VmRunRecord; qmp: QmpClient };
  stopped: number[];
  removed: string[];
}

export async function settlePreviousVm(
  layout: VmLayout,
  opts: { clock: Clock; signal: AbortSignal; graceMs: number; killMs: number },
): Promise<PreviousVm> {
  const found = process.platform === 'linux' ? await qemusFor(layout) : [];
  const record = await readRunRecord(layout.runFile);
  const only = found.length === 1 ? found[0] : undefined;
  if (only && record && record.pid === only.pid) {
    try {
      const qmp = await QmpClient.connect(
        { socket: layout.qmpSocket },
        { timeoutMs: 3_000, signal: opts.signal },
      );
      const status = (await qmp.execute('query-status')) as { status?: string };
      if (status.status === 'running')
        return { adopted: { record, qmp }, stopped: [], removed: [] };
      qmp.close();
    } catch {
      // No answer on its socket: not adoptable, so it is ended below like any stray QEMU.
    }
  }
  const stopped: number[] = [];
  for (const qemu of found) {
    if (!(await terminateProcess(qemu.pid, opts.clock, opts))) {
      throw new Error(
        `QEMU ${qemu.pid}, left by an earlier session, did not exit even after SIGKILL`,
      );
    }
    stopped.push(qemu.pid);
  }
  return { stopped, removed: await removeStaleVmFiles(layout) };
}

/**
 * QEMU's TMPDIR, where `smb=` makes the folder of the smbd it runs: QEMU
 * removes that folder when it exits, but a killed QEMU cannot.
 */
export const qemuTmpDir = (layout: VmLayout) => path.join(layout.vmDir, 'tmp');

/** The pid file, QMP socket and run record of a VM that no longer runs, and what QEMU left in its TMPDIR. */
export async function removeStaleVmFiles(layout: VmLayout): Promise<string[]> {
  const removed: string[] = [];
  const left = await readdir(qemuTmpDir(layout)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const name of left) {
    await rm(path.join(qemuTmpDir(layout), name), { recursive: true, force: true });
    removed.push(`tmp/${name}`);
  }
  for (const file of [layout.pidFile, layout.qmpSocket, layout.runFile]) {
    try {
      await rm(file);
      removed.push(path.basename(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}
