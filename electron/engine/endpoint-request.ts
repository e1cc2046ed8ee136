// How node:http reaches an engine endpoint, whatever its transport: a unix
// socket, a Windows named pipe, plain TCP, or TLS with client certificates.
// One place for it, so probes, pings, dockerode clients and raw readers
// agree; ssh:// is a channel on the engine's SSH session (ssh/ssh-session.ts).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { parseEndpoint, type EngineEndpoint } from './endpoint.ts';
import type { SshSession } from './ssh/ssh-session.ts';
import { sshSessionFor } from './ssh/ssh-sessions.ts';

export type { EngineEndpoint } from './endpoint.ts';

/** Client certificates in PEM, read from a `DOCKER_CERT_PATH`-style folder. */
export interface TlsMaterial {
  ca: string;
  cert: string;
  key: string;
}

/** An endpoint node:http or node:https can connect to. */
export type Connectable =
  | { kind: 'unix' | 'npipe'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'tls'; host: string; port: number; tls: TlsMaterial }
  | { kind: 'ssh'; session: SshSession };

/** The endpoint resolved for connecting, or why it cannot be. */
export function connectable(
  endpoint: EngineEndpoint,
): Connectable | { kind: 'unsupported'; reason: string } {
  const parsed = parseEndpoint(endpoint.url, { tls: endpoint.certPath !== undefined });
  if (parsed.kind === 'ssh')
    return { kind: 'ssh', session: sshSessionFor(parsed.address, endpoint.ssh) };
  if (parsed.kind !== 'tcp' || endpoint.certPath === undefined) return parsed;
  try {
    return { ...parsed, kind: 'tls', tls: readTlsMaterial(endpoint.certPath) };
  } catch (error) {
    return {
      kind: 'unsupported',
      reason: `The TLS certificates for ${endpoint.url} in ${endpoint.certPath} cannot be read: ${(error as Error).message}`,
    };
  }
}

export function readTlsMaterial(certPath: string): TlsMaterial {
  const read = (name: string) => readFileSync(path.join(certPath, name), 'utf8');
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}

/** Starts one request to the engine; the caller ends it and listens for `response`/`error`. */
export function requestTo(
  target: Connectable,
  options: Omit<http.RequestOptions, 'host' | 'port' | 'socketPath'>,
): http.ClientRequest {
  switch (target.kind) {
    case 'unix':
    case 'npipe':
      return http.request({ ...options, socketPath: target.socketPath });
    case 'tcp':
      return http.request({ ...options, host: target.host, port: target.port });
    case 'tls':
      // The engine's certificate names the host it is reached by (127.0.0.1 for the VM).
      return https.request({ ...options, host: target.host, port: target.port, ...target.tls });
    case 'ssh':
      return target.session.request(options);
  }
}

/** What one GET came to: the answer (any status), a socket error, or the deadline. */
export type GetOutcome =
  | { kind: 'response'; status: number; headers: http.IncomingHttpHeaders; body: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'deadline'; timeoutMs: number };

export interface GetOptions {
  /** One hard deadline for connecting, the headers and the whole body. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Chunks past this many bytes are dropped (an error page, not an answer); an engine's answers are a few kB. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * One GET to an engine under a hard deadline, whatever its transport (TLS
 * with the endpoint's client certificates). Resolves with what happened and
 * never throws: callers probe and poll, where "no answer" is normal. At the
 * deadline or on abort the socket is destroyed, not left open behind the result.
 */
export function getFromEndpoint(
  endpoint: EngineEndpoint | Connectable,
  requestPath: string,
  opts: GetOptions,
): Promise<GetOutcome> {
  const target = 'url' in endpoint ? connectable(endpoint) : endpoint;
  if (target.kind === 'unsupported') {
    return Promise.resolve({ kind: 'error', error: new Error(target.reason) });
  }
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: GetOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = requestTo(target, {
      path: requestPath,
      method: 'GET',
      signal: opts.signal,
      // A fresh socket per request: a kept-alive one would outlive the deadline.
      agent: false,
    });
    // Destroying the request after the deadline makes it (or the response)
    // emit an error; the outcome is settled by then, so finish() ignores it.
    // The listeners must stay, or that error would be unhandled.
    const timer = setTimeout(() => {
      finish({ kind: 'deadline', timeoutMs: opts.timeoutMs });
      request.destroy();
    }, opts.timeoutMs);
    request.on('error', (error) => finish({ kind: 'error', error }));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size >= maxBodyBytes) return;
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('error', (error) => finish({ kind: 'error', error }));
      response.on('end', () =>
        finish({
          kind: 'response',
          status: response.statusCode ?? 0,
          headers: response.headers,
          // Decoded once at the end: a character split across chunks stays whole.
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.end();
  });
}

/** Why a GET got no answer, in a few words: the error's code when it has one. */
export function getFailureReason(outcome: Exclude<GetOutcome, { kind: 'response' }>): string {
  if (outcome.kind === 'deadline') return `no answer within ${outcome.timeoutMs} ms`;
  const error = outcome.error as NodeJS.ErrnoException;
  if (!(error instanceof Error)) return String(outcome.error);
  return error.code ? `${error.code}: ${error.message}` : error.message;
}

export type PingResult = { ok: true; apiVersion?: string } | { ok: false; reason: string };

/**
 * GET /_ping under a deadline. Returns an answer instead of throwing: callers
 * poll it while an engine starts, when "not yet" is normal.
 */
export async function pingEndpoint(
  endpoint: EngineEndpoint | Connectable,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<PingResult> {
  const outcome = await getFromEndpoint(endpoint, '/_ping', { ...opts, maxBodyBytes: 256 });
  if (outcome.kind !== 'response') return { ok: false, reason: getFailureReason(outcome) };
  const version = outcome.headers['api-version'];
  if (outcome.status === 200 && outcome.body.trim() === 'OK') {
    return typeof version === 'string' ? { ok: true, apiVersion: version } : { ok: true };
  }
  return { ok: false, reason: `HTTP ${outcome.status}: ${outcome.body.trim()}` };
}
