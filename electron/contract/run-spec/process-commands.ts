// The `docker` lines behind the Stats and Processes tabs, quoted for the shell
// the user picks and pointed at the engine in use (CliTarget).
import {
  cliPrefix,
  quotePosix,
  quotePowerShell,
  type CliTarget,
  type Shell,
} from './run-command.ts';

const line = (args: string[], shell: Shell) =>
  args.map((a) => (shell === 'posix' ? quotePosix(a) : quotePowerShell(a))).join(' ');

export function statsCommandLine(name: string, shell: Shell, target: CliTarget = {}): string {
  return line([...cliPrefix(target), 'stats', name], shell);
}

/** `docker top NAME`, with the `ps` options Berth asked for when the engine's host took them. */
export function topCommandLine(
  name: string,
  psArgs: string | null,
  shell: Shell,
  target: CliTarget = {},
): string {
  return line([...cliPrefix(target), 'top', name, ...(psArgs ? psArgs.split(' ') : [])], shell);
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
    ? line([...cliPrefix(target), 'kill', '--signal', sig, name], shell)
    : line([...cliPrefix(target), 'exec', name, 'kill', `-${sig}`, String(containerPid)], shell);
}
