// Asks one endpoint whether a Docker-compatible engine answers there:
// `GET /_ping`, and `GET /version` only when the ping carries no Api-Version
// header. One hard deadline covers both requests and destroys the socket, so a
// listener that accepts and never answers cannot hold discovery up.
import { readFile, stat } from 'node:fs/promises';
import { parseEndpoint } from './endpoint.ts';
import { connectable, getFromEndpoint, type Connectable } from './endpoint-request.ts';
import { sshSessionFor } from './ssh/ssh-sessions.ts';
import type { ParsedEndpoint } from './endpoint.ts';
import { classifyProbeFailure } from './probe-classify.ts';
import { diagnoseTlsFailure } from './tls-diagnosis.ts';
import type { ProbeFailure, ProbeResult } from './probe-classify.ts';

export type { ProbeResult } from './probe-classify.ts';

export interface ProbeOptions {
  timeoutMs: number;
  /** The endpoint expects TLS (DOCKER_TLS_VERIFY, or a context with TLS material). */
  tls?: boolean;
  /** For TLS: the folder of client certificates in the CLI's layout (ca.pem, cert.pem, key.pem). */
  certPath?: string;
  /** The Docker context sets SkipTLSVerify: Berth verifies anyway, and says so when that fails. */
  skipVerifyAsked?: boolean;
  /** The Docker context the endpoint and its TLS files come from: fixes name it. */
  context?: string;
  /** Which OS's fix a permission-denied hint names; defaults to this one. */
  platform?: NodeJS.Platform;
}

export type ProbeFn = (endpoint: string, opts: ProbeOptions) => Promise<ProbeResult>;

/** A ping body is "OK" and /version is about 1 kB; anything past this is an error page. */
const MAX_BODY_BYTES = 64 * 1024;

export async function probeEndpoint(endpoint: string, opts: ProbeOptions): Promise<ProbeResult> {
  const platform = opts.platform ?? process.platform;
  const parsed = parseEndpoint(endpoint, { tls: opts.tls });
  if (parsed.kind === 'unsupported') return { state: 'unknown', detail: parsed.reason };
  if (opts.tls && parsed.kind === 'tcp' && opts.certPath === undefined) {
    return {
      state: 'unknown',
      detail:
        'This endpoint uses TLS, and no client certificates were given for it (DOCKER_CERT_PATH, or the context’s TLS files).',
    };
  }

  let target: Connectable;
  if (parsed.kind === 'ssh') target = { kind: 'ssh', session: sshSessionFor(parsed.address) };
  else if (parsed.kind === 'tcp' && opts.tls) {
    const tls = connectable({ url: endpoint, certPath: opts.certPath! });
    if (tls.kind === 'unsupported') return { state: 'unknown', detail: tls.reason };
    target = tls;
  } else target = parsed;
  const deadlineAt = Date.now() + opts.timeoutMs;
  const fail = async (failure: ProbeFailure): Promise<ProbeResult> =>
    classifyProbeFailure(failure, {
      endpoint,
      platform,
      socketGroup: await groupForHint(parsed, failure, platform),
    });

  const ping = await getFromEndpoint(target, '/_ping', {
    timeoutMs: opts.timeoutMs,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  if (ping.kind === 'error' && target.kind === 'tls') {
    const problem = await diagnoseTlsFailure(
      ping.error,
      { url: endpoint, certPath: opts.certPath! },
      target.tls,
      {
        // The look at the engine's certificate shares the probe's deadline, with a little grace.
        timeoutMs: Math.max(250, deadlineAt - Date.now()),
        ...(opts.skipVerifyAsked ? { skipVerifyAsked: true } : {}),
        ...(opts.context ? { context: opts.context } : {}),
      },
    );
    if (problem) return { state: 'unreachable', ...problem };
  }
  if (ping.kind !== 'response') return fail(ping);
  if (ping.status !== 200) {
    return fail({ kind: 'http', path: '/_ping', status: ping.status, body: ping.body });
  }

  const header = ping.headers['api-version'];
  if (typeof header === 'string' && header !== '') {
    return { state: 'reachable', apiVersion: header };
  }
  return { state: 'reachable', ...(await versionFromEndpoint(target, deadlineAt)) };
}

/**
 * Engines that answer /_ping without Api-Version (old or partial
 * implementations) still report ApiVersion in /version. The engine answered
 * its ping, so a failure here leaves it reachable and says why the version is missing.
 */
async function versionFromEndpoint(
  parsed: Connectable,
  deadlineAt: number,
): Promise<Pick<ProbeResult, 'apiVersion' | 'detail'>> {
  const remaining = deadlineAt - Date.now();
  if (remaining <= 0) return { detail: 'Answered /_ping; no time was left to ask /version.' };
  const version = await getFromEndpoint(parsed, '/version', {
    timeoutMs: remaining,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  if (version.kind === 'deadline')
    return { detail: 'Answered /_ping; /version did not answer in time.' };
  if (version.kind === 'error') {
    const message = version.error instanceof Error ? version.error.message : String(version.error);
    return { detail: `Answered /_ping; /version failed: ${message}` };
  }
  if (version.status !== 200) {
    return { detail: `Answered /_ping; /version answered HTTP ${version.status}.` };
  }
  try {
    const body = JSON.parse(version.body) as { ApiVersion?: unknown };
    if (typeof body.ApiVersion === 'string') return { apiVersion: body.ApiVersion };
    return { detail: 'Answered /_ping; /version names no ApiVersion.' };
  } catch (error) {
    return { detail: `Answered /_ping; /version is not JSON (${(error as Error).message}).` };
  }
}

/**
 * The Linux hint is better when it names the socket's real group (rootful
 * Podman's is root, where joining "docker" would not help). Best effort: when
 * the group cannot be found, the hint falls back to the usual "docker".
 */
async function groupForHint(
  parsed: ParsedEndpoint,
  failure: ProbeFailure,
  platform: NodeJS.Platform,
): Promise<string | undefined> {
  if (platform !== 'linux' || parsed.kind !== 'unix' || failure.kind !== 'error') return undefined;
  const code = (failure.error as { code?: unknown } | null)?.code;
  if (code !== 'EACCES' && code !== 'EPERM') return undefined;
  try {
    const { gid } = await stat(parsed.socketPath);
    return (await groupName(gid)) ?? String(gid);
  } catch {
    // The folder above the socket may itself be closed to us; the generic hint still applies.
    return undefined;
  }
}

async function groupName(gid: number): Promise<string | undefined> {
  const groups = await readFile('/etc/group', 'utf8');
  for (const line of groups.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id === String(gid)) return name;
  }
  return undefined;
}
