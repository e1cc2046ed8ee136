// `compose.run`: the Compose CLI as a child process of Berth, pointed at the
// engine shown through DOCKER_HOST (and no context, which would win over it),
// its stdout and stderr streamed as ComposeLines. Closing the stream stops
// the CLI. A failure ends the stream with the CLI's own message and what of
// the project exists afterwards.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { EngineEndpoint } from '../../engine/endpoint.ts';
import {
  COMPOSE_INSTALL_HINT,
  composeArgs,
  projectDirOf,
  projectOf,
  type ComposeLine,
  type ComposeRequest,
} from '../../contract/compose-channels.ts';
import { ContractError } from '../../contract/errors.ts';
import { LineSplitter } from '../../contract/line-splitter.ts';
import { findComposeCli } from './compose-cli.ts';
import { composeFailure, KEPT_ERROR_LINES, projectContainers } from './compose-failure.ts';

export interface ComposeRunDeps {
  /** The engine shown, as DOCKER_HOST takes it (`unix:///…`, `tcp://…`). */
  endpoint(): EngineEndpoint;
  /** For listing what a failed run left. */
  calls(): Docker;
  /** The environment the CLI runs in (its PATH finds the CLI). */
  env: NodeJS.ProcessEnv;
}

/** The environment for the CLI: the engine shown, and nothing that would point it elsewhere. */
export function cliEnv(env: NodeJS.ProcessEnv, endpoint: EngineEndpoint): NodeJS.ProcessEnv {
  const {
    DOCKER_CONTEXT: _context,
    DOCKER_TLS_VERIFY: _tls,
    DOCKER_CERT_PATH: _certs,
    ...rest
  } = env;
  const tls = endpoint.certPath
    ? { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: endpoint.certPath }
    : {};
  return { ...rest, DOCKER_HOST: endpoint.url, ...tls };
}

export function runCompose(deps: ComposeRunDeps, request: ComposeRequest): Readable {
  let stop: (() => void) | null = null;
  let closed = false;
  const out = new Readable({
    read() {},
    destroy(error, callback) {
      closed = true;
      stop?.();
      callback(error);
    },
  });
  const send = (line: ComposeLine) => {
    if (!closed) out.push(`${JSON.stringify(line)}\n`);
  };
  const project = projectOf(request);
  const endpoint = deps.endpoint();

  const run = async () => {
    const cli = await findComposeCli(deps.env);
    if (closed) return;
    if (!cli) {
      throw new ContractError({
        kind: 'not-found',
        message: 'There is no Compose CLI on the machine Berth runs on.',
        hint: COMPOSE_INSTALL_HINT,
      });
    }
    const [program, ...before] = cli.command;
    const dir = projectDirOf(request);
    const child = spawn(program, [...before, ...composeArgs(request)], {
      // The CLI reads `.env` and relative paths from the project folder.
      ...(existsSync(dir) ? { cwd: dir } : {}),
      env: cliEnv(deps.env, endpoint),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stop = () => child.kill('SIGTERM');
    const stderr: string[] = [];
    const forward = (stream: NodeJS.ReadableStream, keep: boolean) => {
      const splitter = new LineSplitter({ maxLineChars: 16 * 1024 });
      const emit = (lines: string[]) => {
        for (const text of lines) {
          send({ kind: 'output', text });
          if (keep) {
            stderr.push(text);
            if (stderr.length > KEPT_ERROR_LINES) stderr.shift();
          }
        }
      };
      stream.on('data', (chunk: Buffer) => emit(splitter.push(chunk)));
      stream.on('end', () => emit(splitter.end()));
    };
    forward(child.stdout, false);
    forward(child.stderr, true);
    const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>(
      (resolve, reject) => {
        child.once('error', reject);
        child.once('close', (c, s) => resolve({ code: c, signal: s }));
      },
    );
    if (closed) return;
    if (code === 0) {
      send({ kind: 'done', project });
      out.push(null);
      return;
    }
    const existing = await projectContainers(deps.calls(), project).catch(() => null);
    throw composeFailure({
      program: cli.kind === 'plugin' ? 'docker compose' : 'docker-compose',
      action: request.action,
      project,
      code,
      signal,
      stderr,
      existing,
    });
  };
  run().catch((err: unknown) => {
    if (!closed) out.destroy(err as Error);
  });
  return out;
}
