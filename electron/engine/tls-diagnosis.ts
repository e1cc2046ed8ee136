// Gathers the facts tls-errors.ts words a TLS failure with: the client
// certificate's dates (read from the cert folder), and, when the engine's
// certificate was refused, that certificate itself (fetched by a second
// handshake that sends nothing and only looks). Also the https agent that tags
// a TLS socket's errors with their target, so the engine connection's calls,
// which only see a bare error, can name the host and the CA file.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { parseEndpoint, type EngineEndpoint } from './endpoint.ts';
import type { TlsMaterial } from './endpoint-request.ts';
import {
  describeTlsFailure,
  isServerCertFailure,
  type CertFacts,
  type TlsProblem,
  type TlsFileNames,
  type TlsTarget,
} from './tls-errors.ts';

/** The TLS target of a `tcp://` endpoint with a cert folder; undefined for anything else. */
export function tlsTargetOf(
  endpoint: EngineEndpoint,
  opts: { skipVerifyAsked?: boolean; context?: string; fileNames?: TlsFileNames } = {},
): TlsTarget | undefined {
  if (endpoint.certPath === undefined) return undefined;
  const parsed = parseEndpoint(endpoint.url, { tls: true });
  if (parsed.kind !== 'tcp') return undefined;
  const where = parsed.host.includes(':')
    ? `[${parsed.host}]:${parsed.port}`
    : `${parsed.host}:${parsed.port}`;
  const clientCert = readCertFacts(path.join(endpoint.certPath, 'cert.pem'));
  return {
    where,
    host: parsed.host,
    certPath: endpoint.certPath,
    ...(clientCert ? { clientCert } : {}),
    ...(opts.skipVerifyAsked ? { skipVerifyAsked: true } : {}),
    ...(opts.context ? { context: opts.context } : {}),
    ...(opts.fileNames ? { fileNames: opts.fileNames } : {}),
  };
}

/**
 * The TLS problem behind a failed request to `endpoint`, with the engine's
 * certificate looked at when it was the one refused. Undefined when the
 * failure is not about TLS.
 */
export async function diagnoseTlsFailure(
  error: unknown,
  endpoint: EngineEndpoint,
  material: TlsMaterial,
  opts: {
    timeoutMs: number;
    skipVerifyAsked?: boolean;
    context?: string;
    fileNames?: TlsFileNames;
  },
): Promise<TlsProblem | undefined> {
  const target = tlsTargetOf(endpoint, opts);
  if (!target) return undefined;
  if (isServerCertFailure(error)) {
    const port = (parseEndpoint(endpoint.url, { tls: true }) as { port: number }).port;
    const serverCert = await peekServerCertificate(target.host, port, material, opts.timeoutMs);
    if (serverCert) target.serverCert = serverCert;
  }
  return describeTlsFailure(error, target);
}

/**
 * The certificate the engine shows, read from a handshake that does not
 * verify it and sends no request: only to say what is wrong with it.
 */
export function peekServerCertificate(
  host: string,
  port: number,
  material: TlsMaterial,
  timeoutMs: number,
): Promise<CertFacts | undefined> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port,
      ...material,
      rejectUnauthorized: false,
      ...(isIp(host) ? {} : { servername: host }),
    });
    const done = (facts: CertFacts | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(facts);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.once('secureConnect', () => {
      const peer = socket.getPeerX509Certificate();
      done(peer ? factsOf(peer) : undefined);
    });
    socket.once('error', () => done(undefined));
  });
}

/** Errors of sockets this agent opens carry their target and, for a TLS failure, its words. */
export interface TlsTaggedError {
  berthTls?: TlsTarget;
  berthTlsProblem?: TlsProblem;
}

/**
 * An https agent for an engine's calls that words each TLS failure before
 * the request sees it: the error keeps its code, gains `berthTls` and
 * `berthTlsProblem`, and its message becomes the plain words, since some
 * callers show only `message`. No keep-alive: see engine-client.ts.
 */
export function taggingTlsAgent(endpoint: EngineEndpoint): https.Agent {
  class TaggingAgent extends https.Agent {
    override createConnection(
      options: https.RequestOptions,
      callback?: (error: Error | null, socket: Duplex) => void,
    ): Duplex | null | undefined {
      const socket = super.createConnection(options, callback);
      // Registered before the request's own listener, so the words are there when it looks.
      socket?.once('error', (error: Error & TlsTaggedError) => {
        const target = tlsTargetOf(endpoint);
        if (!target) return;
        error.berthTls = target;
        const problem = describeTlsFailure(error, target);
        if (!problem) return;
        error.berthTlsProblem = problem;
        error.message = `${problem.detail} ${problem.hint}`;
      });
      return socket;
    }
  }
  return new TaggingAgent({ keepAlive: false });
}

function readCertFacts(file: string): CertFacts | undefined {
  try {
    return factsOf(new X509Certificate(readFileSync(file)));
  } catch {
    // Unreadable or not PEM: connecting says so in its own words.
    return undefined;
  }
}

function factsOf(cert: X509Certificate): CertFacts {
  return {
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/^CN=/, '').replace(/\n/g, ', '),
    ...(cert.subjectAltName ? { altNames: cert.subjectAltName } : {}),
  };
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
