// The CLI lines behind the login dialog and Log out: safe to paste (quoted by
// shell-quote.ts), never with the password.
import { DOCKER_HUB } from '../image-reference.ts';
import { dockerCommandLine, type CliTarget, type Shell } from './run-command.ts';

/** `docker login -u USER REGISTRY` (Docker Hub is the CLI's default: no registry). */
export function loginCommand(
  registry: string,
  username: string,
  shell: Shell,
  target: CliTarget = {},
): string {
  return dockerCommandLine(
    [
      'login',
      ...(username ? ['-u', username] : []),
      ...(registry === DOCKER_HUB ? [] : [registry]),
    ],
    shell,
    target,
  );
}

export function logoutCommand(registry: string, shell: Shell, target: CliTarget = {}): string {
  return dockerCommandLine(
    ['logout', ...(registry === DOCKER_HUB ? [] : [registry])],
    shell,
    target,
  );
}

/** `docker pull REGISTRY/REPOSITORY:TAG`, as a tag row shows it. */
export function pullReference(registry: string, repository: string, tag: string): string {
  if (registry === DOCKER_HUB) return `${repository.replace(/^library\//, '')}:${tag}`;
  return `${registry}/${repository}:${tag}`;
}
