// The `docker run` (or `docker create`) line that makes the same container as
// the dialog, so people learning from CLI tutorials see the command behind
// every click. Quoted for POSIX shells or for PowerShell, and, inside, for the
// docker CLI's own option syntaxes (cli-syntax.ts).
import { cliProblems, networkArgs, volumeArgs } from './cli-syntax.ts';
import { quotePosix, quotePowerShell } from './shell-quote.ts';
import type { RunSpec } from './spec.ts';

export { quotePosix, quotePowerShell };

export type Shell = 'posix' | 'powershell';

/** Where the user's CLI must point to reach the engine the app uses, when that is not its default. */
export interface CliTarget {
  context?: string;
  host?: string;
}

/** The CLI's arguments; throws when a value cannot be written for the CLI (see cliProblems). */
export function runCommandArgs(spec: RunSpec, target: CliTarget = {}): string[] {
  const problem = cliProblems(spec)[0];
  if (problem) throw new Error(problem.message);
  const args = cliPrefix(target);
  args.push(...(spec.start ? ['run', '-d'] : ['create']));
  if (spec.name) args.push('--name', spec.name);
  if (spec.interactive) args.push('-i');
  if (spec.tty) args.push('-t');
  if (spec.autoRemove) args.push('--rm');
  if (spec.privileged) args.push('--privileged');
  for (const p of spec.ports) {
    const host = p.hostIp
      ? `${p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp}:${p.hostPort ?? ''}:`
      : p.hostPort
        ? `${p.hostPort}:`
        : '';
    args.push('-p', `${host}${p.containerPort}/${p.protocol}`);
  }
  if (spec.publishAll) args.push('-P');
  for (const e of spec.env) args.push('-e', e);
  for (const v of spec.volumes) args.push(...volumeArgs(v));
  if (spec.network) args.push(...networkArgs(spec.network));
  for (const link of spec.links ?? []) args.push('--link', link);
  for (const from of spec.volumesFrom ?? []) args.push('--volumes-from', from);
  if (spec.restart.name !== 'no') {
    const retries =
      spec.restart.name === 'on-failure' && spec.restart.maxRetries
        ? `:${spec.restart.maxRetries}`
        : '';
    args.push('--restart', `${spec.restart.name}${retries}`);
  }
  if (spec.memoryBytes !== undefined) args.push('--memory', memoryText(spec.memoryBytes));
  if (spec.cpuShares !== undefined) args.push('--cpu-shares', String(spec.cpuShares));
  if (spec.cpuset) args.push('--cpuset-cpus', spec.cpuset);
  if (spec.user) args.push('--user', spec.user);
  if (spec.workdir) args.push('--workdir', spec.workdir);
  for (const [key, value] of Object.entries(spec.labels)) args.push('--label', `${key}=${value}`);
  if (spec.entrypoint) args.push('--entrypoint', spec.entrypoint);
  args.push(spec.image, ...(spec.command ?? []));
  return args;
}

/** The line to show, or, when the spec has a value no command line can carry, a comment saying why. */
export function runCommandLine(spec: RunSpec, shell: Shell, target: CliTarget = {}): string {
  const problem = cliProblems(spec)[0];
  if (problem) return notShown(problem.message);
  return runCommandArgs(spec, target)
    .map((arg) => quote(arg, shell))
    .join(' ');
}

/**
 * A comment in every shell offered, so pasting it runs nothing. The reason is
 * in single quotes (with no quote of its own) because interactive zsh without
 * interactivecomments reads `#` as a command and the rest as its arguments.
 */
function notShown(reason: string): string {
  return `# No docker command: '${reason.replace(/['\r\n]/g, '\u2019')}'`;
}

/** Any docker command (`cp`, `diff`...) for the engine in use, quoted for `shell`. */
export function dockerCommandLine(args: string[], shell: Shell, target: CliTarget = {}): string {
  return [...cliPrefix(target), ...args].map((arg) => quote(arg, shell)).join(' ');
}

/** `docker`, pointed at the engine in use when that is not the CLI's default. */
function cliPrefix(target: CliTarget): string[] {
  if (target.context) return ['docker', '--context', target.context];
  if (target.host) return ['docker', '-H', target.host];
  return ['docker'];
}

function quote(arg: string, shell: Shell): string {
  return shell === 'posix' ? quotePosix(arg) : quotePowerShell(arg);
}

/** Whole units where exact, as a person would write it. */
function memoryText(bytes: number): string {
  for (const [unit, size] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/**
 * What a re-create does, as CLI lines: the old container is kept aside until
 * the new one runs. Flags Berth does not model are not in the `docker run` line.
 */
export function recreateCommandLines(
  spec: RunSpec & { name: string },
  shell: Shell,
  target: CliTarget = {},
): string[] {
  const problem = cliProblems(spec)[0];
  if (problem) return [notShown(problem.message)];
  const cli = cliPrefix(target);
  const old = `${spec.name}-old`;
  const line = (args: string[]) => args.map((a) => quote(a, shell)).join(' ');
  return [
    line([...cli, 'rename', spec.name, old]),
    ...(spec.start ? [line([...cli, 'stop', old])] : []),
    runCommandLine(spec, shell, target),
    line([...cli, 'rm', old]),
  ];
}

type LifecycleAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

/** The CLI line for a row action, so every click teaches its command. */
export function lifecycleCommandLine(
  action: LifecycleAction,
  name: string,
  options: { force?: boolean; volumes?: boolean },
  shell: Shell,
  target: CliTarget = {},
): string {
  const args = cliPrefix(target);
  if (action === 'remove') {
    args.push('rm');
    if (options.force) args.push('--force');
    if (options.volumes) args.push('--volumes');
  } else args.push(action);
  args.push(name);
  return args.map((a) => quote(a, shell)).join(' ');
}
