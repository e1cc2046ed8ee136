// `top`'s columns depend on the `ps` the engine's host ran: Berth's own
// (`-o pid,user,%cpu,%mem,args`) or, where that `ps` refused them, its default
// (`-ef`: UID, PID, PPID, C, STIME, TTY, TIME, CMD), which has no memory column
// and an integer CPU figure. The table reads either by column title.
import type { ProcessList } from '../../../../electron/contract/processes-channels.ts';

export interface ProcessRow {
  pid: number;
  user: string;
  /** As `ps` printed it ("0.1"), or null when its columns have none. */
  cpu: string | null;
  memory: string | null;
  command: string;
}

export function processRows(list: ProcessList): ProcessRow[] {
  const at = (...titles: string[]) => list.titles.findIndex((t) => titles.includes(t));
  const pid = at('PID');
  const user = at('USER', 'UID');
  const cpu = at('%CPU', 'C');
  const memory = at('%MEM');
  const command = at('COMMAND', 'CMD', 'ARGS');
  if (pid < 0) return [];
  return list.processes.map((row) => ({
    pid: Number(row[pid]),
    user: user < 0 ? '' : (row[user] ?? ''),
    cpu: cpu < 0 ? null : (row[cpu] ?? null),
    memory: memory < 0 ? null : (row[memory] ?? null),
    // The last column may hold spaces the engine kept or split; join what is left.
    command: command < 0 ? '' : row.slice(command).join(' '),
  }));
}
