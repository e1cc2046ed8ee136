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

export type PingResult = { ok: true; apiVersion?: string } | { ok: false; reason: string };

/**
 * GET /_ping under a deadline. Returns an answer instead of throwing: callers
 * poll it while an engine starts, when "not yet" is normal.
 */
export function pingEndpoint(
  endpoint: EngineEndpoint | Connectable,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<PingResult> {
  const target = 'url' in endpoint ? connectable(endpoint) : endpoint;
  if (target.kind === 'unsupported') return Promise.resolve({ ok: false, reason: target.reason });
  return new Promise((resolve) => {
    const request = requestTo(target, {
      path: '/_ping',
      method: 'GET',
      signal: opts.signal,
      timeout: opts.timeoutMs,
      // A fresh socket per ping: a kept-alive one would outlive the deadline.
      agent: false,
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < 256) body += chunk;
      });
      response.on('end', () => {
        const version = response.headers['api-version'];
        if (response.statusCode === 200 && body.trim() === 'OK') {
          resolve(typeof version === 'string' ? { ok: true, apiVersion: version } : { ok: true });
        } else {
          resolve({ ok: false, reason: `HTTP ${response.statusCode}: ${body.trim()}` });
        }
      });
      response.on('error', (error) => resolve({ ok: false, reason: error.message }));
    });
    request.on('timeout', () => {
      request.destroy(new Error(`no answer within ${opts.timeoutMs} ms`));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      resolve({
        ok: false,
        reason: error.code ? `${error.code}: ${error.message}` : error.message,
      });
    });
    request.end();
  });
}
