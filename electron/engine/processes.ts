// The process table as /proc shows it. `kill(pid, 0)` is not enough to know a
// process is alive: a zombie still answers it, and here PID 1 is slow to reap
// orphans, so a SIGKILLed dockerd lingers as a zombie that dockerd's own
// pidfile check then mistakes for a running daemon.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sleep, type Clock } from './clock.ts';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** One letter from /proc/PID/stat: R, S, D, Z (zombie), X (dead), ... */
  state: string;
  argv: string[];
}

/** State and parent from /proc/PID/stat; the command name may hold spaces and parentheses. */
export function parseStat(text: string): { state: string; ppid: number } | null {
  const end = text.lastIndexOf(')');
  if (end < 0) return null;
  const [state, ppid] = text.slice(end + 2).split(' ');
  if (!state || ppid === undefined) return null;
  return { state, ppid: Number(ppid) };
}

function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ESRCH';
}

export async function readProcess(pid: number): Promise<ProcessInfo | null> {
  try {
    const [stat, cmdline] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
    ]);
    const parsed = parseStat(stat);
    if (!parsed) return null;
    const argv = cmdline.split('\0');
    if (argv.at(-1) === '') argv.pop();
    return { pid, ...parsed, argv };
  } catch (error) {
    // The process ended between listing and reading: that is an answer, not a failure.
    if (isGone(error)) return null;
    throw error;
  }
}

async function listProcesses(): Promise<ProcessInfo[]> {
  const names = await readdir('/proc');
  const pids = names.filter((n) => /^\d+$/.test(n)).map(Number);
  const infos = await Promise.all(pids.map((pid) => readProcess(pid)));
  return infos.filter((p): p is ProcessInfo => p !== null);
}

export function isLive(info: ProcessInfo | null): info is ProcessInfo {
  return info !== null && info.state !== 'Z' && info.state !== 'X';
}

export async function isProcessLive(pid: number): Promise<boolean> {
  return isLive(await readProcess(pid));
}

/** The value of `--flag=value` or `--flag value`. */
export function argValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === flag) return argv[i + 1];
    if (arg?.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

export function isDockerdFor(info: ProcessInfo, dataRoot: string): boolean {
  const exe = info.argv[0];
  return (
    exe !== undefined &&
    path.basename(exe) === 'dockerd' &&
    argValue(info.argv, '--data-root') === dataRoot
  );
}

/** Live dockerd processes serving `dataRoot`, whoever started them. */
export async function findDockerds(dataRoot: string): Promise<ProcessInfo[]> {
  const all = await listProcesses();
  return all.filter((p) => isLive(p) && isDockerdFor(p, dataRoot));
}

/**
 * Live processes whose command line mentions one of `dirs` (dockerd,
 * containerd and shims of an engine all name its folders), plus their
 * descendants (containers, docker-proxy).
 */
export async function findProcessesUsing(dirs: readonly string[]): Promise<ProcessInfo[]> {
  const all = (await listProcesses()).filter(isLive);
  const found = new Map<number, ProcessInfo>();
  for (const p of all) {
    if (p.argv.some((arg) => dirs.some((dir) => arg.includes(dir)))) found.set(p.pid, p);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...found.values()];
}

/** Polls until `pid` is gone or `ms` passes; true when it is gone. */
export async function waitForProcessGone(
  pid: number,
  clock: Clock,
  ms: number,
  signal?: AbortSignal,
): Promise<boolean> {
  const deadline = clock.now() + ms;
  for (;;) {
    if (!(await isProcessLive(pid))) return true;
    if (clock.now() >= deadline) return false;
    await sleep(clock, 50, signal);
  }
}

/** Sends a signal; a process already gone is not an error. */
export function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if (!isGone(error)) throw error;
  }
}

/** SIGTERM, wait `graceMs`, SIGKILL, wait `killMs`; true when the process is gone. */
export async function terminateProcess(
  pid: number,
  clock: Clock,
  opts: { graceMs: number; killMs: number; signal?: AbortSignal },
): Promise<boolean> {
  signalProcess(pid, 'SIGTERM');
  if (await waitForProcessGone(pid, clock, opts.graceMs, opts.signal)) return true;
  signalProcess(pid, 'SIGKILL');
  return waitForProcessGone(pid, clock, opts.killMs, opts.signal);
}
