// What went wrong when Berth spoke TLS to an engine, in plain words with the
// fix: the engine's certificate not signed by the CA Berth was given, expired
// or for another name; the engine refusing Berth's client certificate; plain
// HTTP where TLS was expected, and the reverse. Pure: the facts a caller could
// gather (the client certificate's dates, the certificate the engine showed)
// come in as parameters, so every branch is tested without sockets.
import path from 'node:path';
import { quotePosix } from '../contract/run-spec/shell-quote.ts';

/** A certificate's validity and names, as node:tls or X509Certificate reports them. */
export interface CertFacts {
  notBefore: Date;
  notAfter: Date;
  subject?: string;
  issuer?: string;
  /** subjectAltName, as node prints it: `IP Address:10.0.0.2, DNS:engine`. */
  altNames?: string;
}

export interface TlsTarget {
  /** `host:port` as the user typed it. */
  where: string;
  host: string;
  /** The DOCKER_CERT_PATH-style folder: ca.pem, cert.pem, key.pem. */
  certPath: string;
  /** Berth's client certificate (cert.pem), when it could be read. */
  clientCert?: CertFacts;
  /** The certificate the engine showed, when a second look could fetch it. */
  serverCert?: CertFacts;
  /** The Docker context asked not to verify the engine (SkipTLSVerify); Berth verifies anyway. */
  skipVerifyAsked?: boolean;
  /** The Docker context the files belong to: its fix is `docker context update`. */
  context?: string;
  /** How the words name the files, where their paths would mislead (copies being checked). */
  fileNames?: TlsFileNames;
}

/** Words for the CA and client certificates, and for all three files together. */
export interface TlsFileNames {
  ca: string;
  cert: string;
  all: string;
}

export interface TlsProblem {
  detail: string;
  hint: string;
}

const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** Failures whose words improve with a look at the engine's certificate (its issuer, dates, names). */
export function isServerCertFailure(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return (
    UNTRUSTED.has(code) ||
    ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID'].includes(code)
  );
}

/** OpenSSL's names for the alerts an engine sends when it refuses the client's certificate. */
const CLIENT_REFUSED =
  /alert (bad certificate|unknown ca|certificate required|certificate expired|certificate unknown|handshake failure|unsupported certificate|access denied|decrypt error)/i;

/** OpenSSL's words when the other side answered in something that is not TLS (plain HTTP). */
const NOT_TLS = /wrong version number|packet length too long|http request|unknown protocol/i;

/** Go's net/http answer when plain HTTP reaches its TLS listener (dockerd --tlsverify). */
export const PLAIN_HTTP_TO_TLS = 'Client sent an HTTP request to an HTTPS server';

/**
 * The TLS problem behind `error`, or undefined when it is not one (a refused
 * connection, a timeout: probe-classify's and engine-errors' ordinary words apply).
 */
export function describeTlsFailure(
  error: unknown,
  target: TlsTarget,
  now: Date = new Date(),
): TlsProblem | undefined {
  const code = errorCode(error) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const caFile = target.fileNames?.ca ?? path.join(target.certPath, 'ca.pem');
  const certFile = target.fileNames?.cert ?? path.join(target.certPath, 'cert.pem');
  const skipNote = target.skipVerifyAsked
    ? ' (The Docker context sets SkipTLSVerify; Berth checks the engine’s certificate all the same.)'
    : '';

  if (UNTRUSTED.has(code)) {
    const issuer = target.serverCert?.issuer;
    return {
      detail:
        `The engine at ${target.where} is not trusted: its certificate ` +
        `${issuer ? `(issued by "${issuer}") ` : ''}is not signed by the CA in ${caFile}.${skipNote}`,
      hint: target.context
        ? `Give the context the CA certificate that signed the engine's certificate (dockerd's --tlscacert): ${contextUpdate(target)}`
        : `Put the CA certificate that signed the engine's certificate (dockerd's --tlscacert) in ${caFile}, ` +
          `or check that ${target.where} is the engine you mean.`,
    };
  }
  if (code === 'CERT_HAS_EXPIRED') {
    const date = target.serverCert ? ` on ${day(target.serverCert.notAfter)}` : '';
    return {
      detail: `The engine's certificate at ${target.where} expired${date}, so Berth does not trust it.${skipNote}`,
      hint: "Renew the engine's server certificate (dockerd's --tlscert) and restart dockerd; if it should still be valid, check this machine's clock.",
    };
  }
  if (code === 'CERT_NOT_YET_VALID') {
    const date = target.serverCert ? ` until ${day(target.serverCert.notBefore)}` : '';
    return {
      detail: `The engine's certificate at ${target.where} is not valid yet${date}.${skipNote}`,
      hint: "Check this machine's clock and the engine's.",
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = target.serverCert?.altNames ?? target.serverCert?.subject;
    return {
      detail: `The engine's certificate at ${target.where} is not made out to ${target.host}${names ? ` (it names ${names})` : ''}.`,
      hint: `Reach the engine by a name its certificate lists, or issue it a certificate whose subjectAltName includes ${target.host}.`,
    };
  }
  const expiredClient = expiredOn(target.clientCert, now);
  const refused = CLIENT_REFUSED.test(message) || /ALERT/.test(code);
  // An engine that refuses the client's certificate ends the handshake with an
  // alert, or (some servers) simply closes: the client certificate's dates tell which.
  const closedInHandshake = code === 'ECONNRESET' || code === 'EPIPE';
  if (expiredClient && (refused || closedInHandshake)) {
    return {
      detail: `The engine at ${target.where} refused Berth's client certificate: ${certFile} expired on ${day(expiredClient)}.`,
      hint:
        'Issue a new client certificate from the CA the engine trusts (dockerd’s --tlscacert), then ' +
        (target.context ? contextUpdate(target) : 'put it and its key in that folder.'),
    };
  }
  if (refused) {
    return {
      detail: `The engine at ${target.where} refused Berth's client certificate (${certFile}): ${opensslReason(message)}.`,
      hint:
        "Use a client certificate signed by the CA the engine trusts (dockerd's --tlscacert)" +
        (target.context ? `: ${contextUpdate(target)}` : ', with its key in key.pem.'),
    };
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || (code === 'EPROTO' && NOT_TLS.test(message))) {
    return {
      detail: `${target.where} answered without TLS: the engine there does not use TLS on this port.`,
      hint: 'Connect without TLS (unset DOCKER_TLS_VERIFY), or use the port dockerd serves TLS on (2376 by custom).',
    };
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_') || code === 'EPROTO') {
    return {
      detail: `TLS with the engine at ${target.where} failed: ${opensslReason(message)}.`,
      hint: `Check ${target.fileNames?.all ?? `the certificates in ${target.certPath} (ca.pem, cert.pem, key.pem)`} against the engine's.`,
    };
  }
  return undefined;
}

/** An engine's own answer when plain HTTP reached its TLS port: the advice to speak TLS. */
export function plainHttpToTlsProblem(where: string): TlsProblem {
  return {
    detail: `${where} expects TLS, and Berth spoke plain HTTP to it.`,
    hint:
      'Turn TLS on for it: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to its client certificates, ' +
      'or add it on the Engine page with its CA certificate, client certificate and key.',
  };
}

/** The fix for a context's certificates, as a sentence's end. */
function contextUpdate(target: TlsTarget): string {
  return `\`${contextUpdateCommand(target.context!, `tcp://${target.where}`)}\`.`;
}

/**
 * The CLI command that gives a context other certificates (CA.pem and the
 * like stand for the user's files), safe to paste: the name and host come
 * from a meta.json anyone could have edited.
 */
export function contextUpdateCommand(name: string, host: string): string {
  return [
    'docker',
    'context',
    'update',
    name,
    '--docker',
    `host=${host},ca=CA.pem,cert=CERT.pem,key=KEY.pem`,
  ]
    .map(quotePosix)
    .join(' ');
}

function expiredOn(cert: CertFacts | undefined, now: Date): Date | undefined {
  return cert && cert.notAfter.getTime() < now.getTime() ? cert.notAfter : undefined;
}

/** `2025-01-02`: a date anyone reads the same way. */
function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** OpenSSL's messages carry a file and line: `…:SSL routines:…:sslv3 alert bad certificate:../deps/…`. */
function opensslReason(message: string): string {
  const parts = message.split(':');
  const routines = parts.findIndex((p) => / routines$/.test(p));
  if (routines >= 0 && parts[routines + 2]) return parts[routines + 2]!.trim();
  return message.trim();
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
