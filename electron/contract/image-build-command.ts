// The `docker build` line that builds what the dialog builds, with the same
// builder: the classic one, which Berth drives through the engine's /build.
// A CLI from 23.0 on uses BuildKit (through buildx) unless DOCKER_BUILDKIT=0,
// so the line sets it: the output and the cache then read as in Berth.
import type { BuildOptions } from './image-build-channels.ts';
import { dockerCommandLine, type CliTarget, type Shell } from './run-spec/run-command.ts';

/** `-f` as the CLI reads it: a relative path is taken from the current folder, not the context, so it is made absolute. */
export function dockerfileArg(context: string, dockerfile: string): string {
  if (/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(dockerfile)) return dockerfile;
  const windows = /^([A-Za-z]:|\\\\)/.test(context);
  const separator = windows ? '\\' : '/';
  const base = context.replace(/[\\/]+$/, '');
  const rel = windows ? dockerfile.replace(/\//g, '\\') : dockerfile;
  return `${base}${separator}${rel.replace(/^\.[\\/]/, '')}`;
}

/** The CLI's arguments after `docker`. */
export function buildCommandArgs(options: BuildOptions): string[] {
  const args = ['build'];
  for (const tag of options.tags) args.push('-t', tag);
  for (const arg of options.buildArgs) args.push('--build-arg', arg);
  if (options.target) args.push('--target', options.target);
  if (options.dockerfile && options.dockerfile !== 'Dockerfile') {
    args.push('-f', dockerfileArg(options.context, options.dockerfile));
  }
  if (options.noCache) args.push('--no-cache');
  if (options.pull) args.push('--pull');
  // `--` would be clearer, but the CLI's flag parser stops at the context anyway; a context starting with `-` cannot happen (it is absolute).
  args.push(options.context);
  return args;
}

/** The line to paste, for `shell`, with the classic builder chosen. */
export function buildCommandLine(
  options: BuildOptions,
  shell: Shell,
  target: CliTarget = {},
): string {
  const line = dockerCommandLine(buildCommandArgs(options), shell, target);
  return shell === 'posix' ? `DOCKER_BUILDKIT=0 ${line}` : `$env:DOCKER_BUILDKIT=0; ${line}`;
}
