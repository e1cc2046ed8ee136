// `docker top` lists a container's processes with the PIDs of the engine's
// host (the engine runs the host's `ps` and keeps the container's PIDs), but
// `kill` run inside the container needs the PID the container's own PID
// namespace gives the same process, and the engine offers no call that maps
// one to the other. Berth cannot read the host's /proc either: the engine may
// run in a VM or on another machine. So it asks the container (`ps -o
// pid,args`, which busybox and procps both understand) and matches by command
// line. Processes with the same command line are told apart by order: both
// namespaces hand out PIDs in increasing order, so the k-th oldest `sleep 5`
// on the host is the k-th inside (only a PID wrap-around could break this).
// When the two lists disagree on how many share the command, a process came
// or went in between and Berth refuses rather than guess.
import type { ProcessList } from '../../contract/processes-channels.ts';

export interface PidCommand {
  pid: number;
  command: string;
}

/** PID and command line of each row of `top`, whichever `ps` options produced it. */
export function topPidCommands(list: ProcessList): PidCommand[] {
  const pidAt = list.titles.indexOf('PID');
  const commandAt = list.titles.findIndex((t) => t === 'COMMAND' || t === 'CMD' || t === 'ARGS');
  if (pidAt < 0 || commandAt < 0) return [];
  return list.processes.map((row) => ({
    pid: Number(row[pidAt]),
    command: normalise(row.slice(commandAt).join(' ')),
  }));
}

/** The output of `ps -o pid,args`: a header line, then "  PID COMMAND LINE". */
export function parsePsPidArgs(text: string): PidCommand[] {
  const out: PidCommand[] = [];
  for (const line of text.split('\n').slice(1)) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m) out.push({ pid: Number(m[1]), command: normalise(m[2]!) });
  }
  return out;
}

const normalise = (command: string) => command.trim().replace(/\s+/g, ' ');

/** A `ps` may cut a long command line at its column width; past this length, a prefix counts. */
const CUT_AT_LEAST = 60;

function sameCommand(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= CUT_AT_LEAST && long.startsWith(short);
}

/**
 * The container's PID for the host PID `hostPid`, or a sentence saying why it
 * cannot be known. `host` is `top`'s list, `inside` the container's own `ps`.
 */
export function containerPidFor(
  hostPid: number,
  host: readonly PidCommand[],
  inside: readonly PidCommand[],
): number | string {
  const target = host.find((p) => p.pid === hostPid);
  if (!target) return `no process with PID ${hostPid} runs in the container any more`;
  const twinsOutside = host
    .filter((p) => sameCommand(p.command, target.command))
    .sort((a, b) => a.pid - b.pid);
  const twinsInside = inside
    .filter((p) => sameCommand(p.command, target.command))
    .sort((a, b) => a.pid - b.pid);
  if (twinsOutside.length !== twinsInside.length) {
    return 'the processes changed while Berth looked them up; try again';
  }
  return twinsInside[twinsOutside.indexOf(target)]!.pid;
}
