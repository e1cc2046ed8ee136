// The `docker` lines behind the Stats and Processes tabs, quoted for the shell
// the user picks and pointed at the engine in use (CliTarget).
import { dockerCommandLine, type CliTarget, type Shell } from './run-command.ts';

export function statsCommandLine(name: string, shell: Shell, target: CliTarget = {}): string {
  return dockerCommandLine(['stats', name], shell, target);
}

/** `docker top NAME`, with the `ps` options Berth asked for when the engine's host took them. */
export function topCommandLine(
  name: string,
  psArgs: string | null,
  shell: Shell,
  target: CliTarget = {},
): string {
  return dockerCommandLine(['top', name, ...(psArgs ? psArgs.split(' ') : [])], shell, target);
}

/**
 * What sending `signal` did: `kill` inside the container with the PID the
 * container gives the process, or, for its main process (PID 1 there), the
 * engine's own kill.
 */
export function signalCommandLine(
  name: string,
  signal: string,
  containerPid: number,
  shell: Shell,
  target: CliTarget = {},
): string {
  const sig = signal.replace(/^SIG/, '');
  return containerPid === 1
    ? dockerCommandLine(['kill', '--signal', sig, name], shell, target)
    : dockerCommandLine(['exec', name, 'kill', `-${sig}`, String(containerPid)], shell, target);
}
