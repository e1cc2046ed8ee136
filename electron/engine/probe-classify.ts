// Turns what happened to a probe (a socket error, the deadline, an HTTP
// status) into a candidate state with plain words and, where there is one, the
// fix. Pure, so every branch is tested without sockets.
import type { EngineCandidate } from '../contract/engine-types.ts';
import { parseEndpoint } from './endpoint.ts';
import { PLAIN_HTTP_TO_TLS, plainHttpToTlsProblem } from './tls-errors.ts';

export type ProbeResult = Pick<EngineCandidate, 'state' | 'detail' | 'hint' | 'apiVersion'>;

export type ProbeFailure =
  | { kind: 'error'; error: unknown }
  | { kind: 'deadline'; timeoutMs: number }
  | { kind: 'http'; path: string; status: number; body: string };

interface ClassifyContext {
  endpoint: string;
  platform: NodeJS.Platform;
  /** Group owning the unix socket, when known: the Linux hint names it. */
  socketGroup?: string;
}

/** Engine error bodies can be whole HTML pages from a proxy; the start is enough. */
const MAX_BODY_IN_DETAIL = 300;

export function classifyProbeFailure(failure: ProbeFailure, ctx: ClassifyContext): ProbeResult {
  const where = describeTarget(ctx.endpoint);
  if (failure.kind === 'deadline') {
    return {
      state: 'timeout',
      detail: `No answer from ${where} within ${failure.timeoutMs} ms: the engine may be starting, busy or stuck.`,
    };
  }
  if (failure.kind === 'http') {
    if (failure.status === 400 && failure.body.includes(PLAIN_HTTP_TO_TLS)) {
      return { state: 'unreachable', ...plainHttpToTlsProblem(where) };
    }
    const body = failure.body.trim().slice(0, MAX_BODY_IN_DETAIL);
    return {
      state: 'unreachable',
      detail: `${where} answered ${failure.path} with HTTP ${failure.status}${body ? `: ${body}` : ''}`,
    };
  }
  return classifySocketError(failure.error, where, ctx);
}

function classifySocketError(error: unknown, where: string, ctx: ClassifyContext): ProbeResult {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOENT':
      return { state: 'unreachable', detail: `Not found: nothing exists at ${where}.` };
    case 'ECONNREFUSED':
      // On a unix socket this means the file is left over from an engine that stopped.
      return {
        state: 'unreachable',
        detail: `Nothing is listening at ${where} (connection refused): the engine is not running.`,
      };
    case 'EACCES':
    case 'EPERM':
      return {
        state: 'permission-denied',
        detail: `You may not open ${where} (permission denied).`,
        hint: permissionHint(ctx.platform, ctx.socketGroup),
      };
    case 'ETIMEDOUT':
      return { state: 'timeout', detail: `No answer from ${where}: the connection timed out.` };
    case 'ECONNRESET':
    case 'EPIPE':
      return {
        state: 'unreachable',
        detail: `${where} closed the connection without answering: is it a Docker engine?`,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { state: 'unreachable', detail: `Can't resolve the host name of ${where}.` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { state: 'unreachable', detail: `No network route to ${where}.` };
    case 'ENOTSOCK':
      return { state: 'unreachable', detail: `${where} is not a socket.` };
  }
  if (code?.startsWith('HPE_')) {
    // llhttp's parse errors: something answered, but not with HTTP.
    return {
      state: 'unreachable',
      detail: `${where} answered, but not with HTTP: is it a Docker engine? (${message})`,
    };
  }
  return {
    state: 'unreachable',
    detail: `Couldn't reach ${where}: ${message}${code ? ` (${code})` : ''}`,
  };
}

/** What to do about a socket this user may not open, in this OS's terms. */
export function permissionHint(platform: NodeJS.Platform, socketGroup?: string): string {
  switch (platform) {
    case 'linux':
      if (socketGroup === 'root') {
        return (
          "The socket's group is root, so only root may open it. Give the engine a group you can join " +
          '(dockerd --group docker, then `sudo usermod -aG docker $USER` and log out and back in), ' +
          'or use a rootless engine.'
        );
      }
      return (
        `Add yourself to the socket's group${socketGroup ? ` "${socketGroup}"` : ''}: ` +
        `\`sudo usermod -aG ${socketGroup ?? 'docker'} $USER\`, then log out and back in ` +
        `(or run \`newgrp ${socketGroup ?? 'docker'}\` in a terminal) so the new group applies.`
      );
    case 'darwin':
      return (
        'The socket belongs to the user who started the engine. Check that Docker Desktop ' +
        '(or Colima, OrbStack, Rancher Desktop) is running as you, not as another account, ' +
        'then quit and start it again from your own login.'
      );
    case 'win32':
      return (
        'Add your account to the "docker-users" group (as an administrator: ' +
        '`net localgroup docker-users "%USERNAME%" /add`), then sign out and back in.'
      );
    default:
      return "Ask for access to the engine's socket (usually by joining its group), then log in again.";
  }
}

/** The socket path or host:port, which is what users recognise in an error. */
function describeTarget(endpoint: string): string {
  const parsed = parseEndpoint(endpoint);
  switch (parsed.kind) {
    case 'unix':
    case 'npipe':
      return parsed.socketPath;
    case 'tcp':
      return parsed.host.includes(':')
        ? `[${parsed.host}]:${parsed.port}`
        : `${parsed.host}:${parsed.port}`;
    case 'ssh':
    case 'unsupported':
      return endpoint;
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
