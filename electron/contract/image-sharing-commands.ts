// The docker lines behind Pull, Tag and Push, quoted for the shell the user
// picks and pointed at the engine in use (run-command.ts).
import { dockerCommandLine, type CliTarget, type Shell } from './run-spec/run-command.ts';

export function pullCommandLine(
  query: { ref: string; platform?: string },
  shell: Shell,
  target: CliTarget = {},
): string {
  const platform = query.platform ? ['--platform', query.platform] : [];
  return dockerCommandLine(['pull', ...platform, query.ref], shell, target);
}

export function tagCommandLine(
  source: string,
  newTag: string,
  shell: Shell,
  target: CliTarget = {},
): string {
  return dockerCommandLine(['tag', source, newTag], shell, target);
}

export function pushCommandLine(ref: string, shell: Shell, target: CliTarget = {}): string {
  return dockerCommandLine(['push', ref], shell, target);
}
