// The Compose domain of the contract: which Compose CLI this machine has, and
// running it (`up`, `down`, `pull`, `build`, scaling) against the engine shown,
// its output streamed. Project actions that need no CLI (start, stop, restart,
// remove) are the containers' own calls, over the project's containers.
import { z } from 'zod';
import { hostPath } from './image-build-channels.ts';
import { composeServiceName, projectName } from './refs.ts';
import { quotePosix, quotePowerShell, type CliTarget, type Shell } from './run-spec/run-command.ts';

/** The label Compose puts on every container, network and volume of a project. */
export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
export const COMPOSE_NUMBER = 'com.docker.compose.container-number';
/** Comma-separated paths of the files the project was brought up from. */
export const COMPOSE_CONFIG_FILES = 'com.docker.compose.project.config_files';
export const COMPOSE_WORKING_DIR = 'com.docker.compose.project.working_dir';

/** `docker compose` (the v2 plugin) or `docker-compose` (v1, or v2 standalone). */
export type ComposeCliKind = 'plugin' | 'standalone';

export interface ComposeCliInfo {
  found: { kind: ComposeCliKind; version: string } | null;
  /** How to get one, when none is found. */
  hint: string;
}

export const COMPOSE_INSTALL_HINT =
  'No Compose CLI found. Docker Desktop includes "docker compose"; on Debian or Ubuntu, run ' +
  '"sudo apt install docker-compose" (or install Docker\'s docker-compose-plugin package). ' +
  "Berth still starts, stops, restarts and removes a project's containers without it.";

export type ComposeAction = 'up' | 'down' | 'pull' | 'build' | 'scale';

export interface ComposeRequest {
  action: ComposeAction;
  /** The compose files (`-f`), absolute paths on Berth's machine. */
  files: string[];
  /** `--project-directory`; the first file's folder when absent. */
  workingDir?: string;
  /** `-p`; the CLI's default (the project folder's name) when absent. */
  project?: string;
  /** `up --build`. */
  build?: boolean;
  /** `down --volumes`. */
  volumes?: boolean;
  /** `scale`: the service and its replicas. */
  service?: string;
  replicas?: number;
}

/** What `compose.run` sends, one JSON line each. */
export type ComposeLine = { kind: 'output'; text: string } | { kind: 'done'; project: string };

export const composeRequest = z
  .object({
    action: z.enum(['up', 'down', 'pull', 'build', 'scale']),
    files: z.array(hostPath).min(1).max(16),
    workingDir: hostPath.optional(),
    project: projectName.optional(),
    build: z.boolean().optional(),
    volumes: z.boolean().optional(),
    service: composeServiceName.optional(),
    replicas: z.number().int().min(0).max(100).optional(),
  })
  .strict()
  .refine(
    (r) => r.action !== 'scale' || (r.service !== undefined && r.replicas !== undefined),
    'Scaling needs a service and a replica count',
  ) satisfies z.ZodType<ComposeRequest>;

export interface ComposeCalls {
  /** The Compose CLI on Berth's machine, looked for again on each call (one may be installed meanwhile). */
  'compose.cli': { args: []; result: ComposeCliInfo };
}

export interface ComposeStreams {
  /**
   * Runs the Compose CLI with DOCKER_HOST at the engine shown: ComposeLines,
   * ending with `done`, or with an error holding the CLI's own message and
   * what of the project exists after the failure.
   */
  'compose.run': { args: [request: ComposeRequest] };
}

export const composeCallArgs: {
  [K in keyof ComposeCalls]: z.ZodType<ComposeCalls[K]['args']>;
} = {
  'compose.cli': z.tuple([]),
};

export const composeStreamArgs: {
  [K in keyof ComposeStreams]: z.ZodType<ComposeStreams[K]['args']>;
} = {
  'compose.run': z.tuple([composeRequest]),
};

/** The folder holding `path` (either separator). */
function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? path.slice(0, cut + 1) || '/' : path.slice(0, cut);
}

/** A folder's last name. */
function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** The project folder: `--project-directory`, else the first file's folder, as the CLI takes it. */
export function projectDirOf(request: Pick<ComposeRequest, 'files' | 'workingDir'>): string {
  return request.workingDir ?? folderOf(request.files[0] ?? '/');
}

/** The CLI's default project name: the project folder's name, lowercased, other characters dropped. */
export function defaultProjectName(projectDir: string): string {
  const name = baseName(projectDir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
  return name || 'default';
}

/** The project a request acts on: the name given, else the CLI's default. */
export function projectOf(request: ComposeRequest): string {
  return request.project ?? defaultProjectName(projectDirOf(request));
}

/**
 * The CLI's arguments after `docker compose` / `docker-compose`. The project
 * name is always given, so what the run touches can be found by its label.
 * Scaling is `up --no-recreate --scale`, which both v1 and v2 take.
 */
export function composeArgs(request: ComposeRequest): string[] {
  const args = ['-p', projectOf(request)];
  for (const file of request.files) args.push('-f', file);
  if (request.workingDir && request.workingDir !== folderOf(request.files[0]!)) {
    args.push('--project-directory', request.workingDir);
  }
  switch (request.action) {
    case 'up':
      return [...args, 'up', '-d', ...(request.build ? ['--build'] : [])];
    case 'down':
      return [...args, 'down', ...(request.volumes ? ['--volumes'] : [])];
    case 'pull':
      return [...args, 'pull'];
    case 'build':
      return [...args, 'build'];
    case 'scale':
      return [
        ...args,
        'up',
        '-d',
        '--no-recreate',
        '--scale',
        `${request.service}=${request.replicas}`,
        request.service!,
      ];
  }
}

/** The binary and the arguments before composeArgs, pointed at the engine the app uses. */
export function composePrefix(kind: ComposeCliKind, target: CliTarget = {}): string[] {
  const where = target.context
    ? ['--context', target.context]
    : target.host
      ? ['--host', target.host]
      : [];
  return kind === 'plugin' ? ['docker', ...where, 'compose'] : ['docker-compose', ...where];
}

/** The Compose line a run stands for, safe to paste. */
export function composeCommandLine(
  request: ComposeRequest,
  kind: ComposeCliKind,
  shell: Shell,
  target: CliTarget = {},
): string {
  const quote = shell === 'posix' ? quotePosix : quotePowerShell;
  return [...composePrefix(kind, target), ...composeArgs(request)].map(quote).join(' ');
}
