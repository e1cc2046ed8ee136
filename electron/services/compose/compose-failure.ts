// What a failed Compose run tells the user: the CLI's own message (not its
// progress lines), and what of the project exists now, since `up` may have
// made some containers before it stopped.
import type Docker from 'dockerode';
import { COMPOSE_PROJECT } from '../../contract/compose-channels.ts';
import { ContractError } from '../../contract/errors.ts';

/** Lines kept from the CLI's stderr, for its message. */
export const KEPT_ERROR_LINES = 40;

/**
 * The CLI's message out of its stderr: from its first error line on (v1
 * writes `ERROR: …`, v2 `Error …` or `… error: …`), else its last lines.
 */
export function cliMessage(stderr: string[]): string {
  const start = stderr.findIndex((line) => /^(ERROR|Error|error)\b|^\w[\w ]*error:/.test(line));
  const lines = start >= 0 ? stderr.slice(start) : stderr.slice(-10);
  return lines.join('\n').trim();
}

export interface ProjectContainer {
  name: string;
  state: string;
}

/** The project's containers as the engine has them now. */
export async function projectContainers(
  docker: Docker,
  project: string,
): Promise<ProjectContainer[]> {
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`${COMPOSE_PROJECT}=${project}`] },
  });
  return list
    .map((c) => ({ name: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What exists of the project after a failure, as a sentence with a way forward. */
export function leftoverHint(
  project: string,
  action: string,
  existing: ProjectContainer[] | null,
): string {
  if (existing === null) return `Berth could not ask the engine what of ${project} exists now.`;
  if (existing.length === 0) {
    return action === 'down'
      ? `No container of ${project} exists now.`
      : `Nothing of ${project} was started: fix what the message names, then try again.`;
  }
  const list = existing.map((c) => `${c.name} (${c.state})`).join(', ');
  return action === 'up' || action === 'scale'
    ? `Half-started: these containers of ${project} exist now: ${list}. Fix what the message names and run Up again, or Down to remove them.`
    : `These containers of ${project} exist now: ${list}.`;
}

export function composeFailure(opts: {
  program: string;
  action: string;
  project: string;
  code: number | null;
  signal: string | null;
  stderr: string[];
  existing: ProjectContainer[] | null;
}): ContractError {
  const how = opts.code !== null ? `exited with ${opts.code}` : `was stopped by ${opts.signal}`;
  const said = cliMessage(opts.stderr);
  return new ContractError({
    kind: 'engine',
    message: `${opts.program} ${opts.action} of ${opts.project} failed (${how}).`,
    ...(said ? { engineMessage: said } : {}),
    hint: leftoverHint(opts.project, opts.action, opts.existing),
  });
}
