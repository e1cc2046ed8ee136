// Turns whatever a handler threw into the contract's error envelope, keeping the
// engine's own words. docker-modem rejects with { statusCode, reason, json }
// where json is the engine's body ({ message }) or a Buffer/string of it.
import { ContractError, type ErrorEnvelope } from '../contract/errors.ts';
import type { TlsTaggedError } from '../engine/tls-diagnosis.ts';
import {
  describeTlsFailure,
  PLAIN_HTTP_TO_TLS,
  plainHttpToTlsProblem,
} from '../engine/tls-errors.ts';

interface ModemError {
  statusCode?: number;
  reason?: string;
  json?: unknown;
  code?: string;
  message?: string;
}

export function toErrorEnvelope(err: unknown, doing?: string): ErrorEnvelope {
  if (err instanceof ContractError) return err.envelope;
  const e = (
    typeof err === 'object' && err !== null ? err : { message: String(err) }
  ) as ModemError;
  const prefix = doing ? `${doing}: ` : '';

  if (typeof e.statusCode === 'number') {
    const engineMessage =
      engineMessageOf(e.json) ?? streamCause(e.message) ?? e.reason ?? e.message ?? 'unknown error';
    if (e.statusCode === 400 && engineMessage.includes(PLAIN_HTTP_TO_TLS)) {
      const problem = plainHttpToTlsProblem('The engine');
      return {
        kind: 'unreachable',
        message: `${prefix}${problem.detail}`,
        engineMessage,
        status: 400,
        hint: problem.hint,
      };
    }
    return {
      kind: e.statusCode === 404 ? 'not-found' : e.statusCode === 409 ? 'conflict' : 'engine',
      message: `${prefix}${engineMessage}`,
      engineMessage,
      status: e.statusCode,
    };
  }
  // The engine connection's TLS sockets word their failures (tls-diagnosis.ts).
  const tagged = err as TlsTaggedError | null;
  const tlsProblem =
    tagged?.berthTlsProblem ?? (tagged?.berthTls && describeTlsFailure(err, tagged.berthTls));
  if (tlsProblem) {
    return { kind: 'unreachable', message: `${prefix}${tlsProblem.detail}`, hint: tlsProblem.hint };
  }
  switch (e.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EPIPE':
      return {
        kind: 'unreachable',
        message: `${prefix}the engine is not answering (${e.code}).`,
        hint: 'Check the Engine page: start the engine or pick another one.',
      };
    case 'EACCES':
    case 'EPERM':
      return {
        kind: 'permission-denied',
        message: `${prefix}permission denied on the engine's socket.`,
      };
    case 'ETIMEDOUT':
      return { kind: 'timeout', message: `${prefix}the engine did not answer in time.` };
  }
  // The engine client never follows redirects (engine-client.ts); docker-modem then says this.
  if (e.message?.startsWith('Max redirects exceeded')) {
    return {
      kind: 'engine',
      message: `${prefix}the engine answered with a redirect, which Berth does not follow.`,
    };
  }
  return { kind: 'internal', message: `${prefix}${e.message ?? 'unexpected error'}` };
}

/**
 * A refused streaming request (pull, build) has no `json`: docker-modem puts the
 * engine's message into its own text, "(HTTP code 500) server error - CAUSE ".
 */
function streamCause(message: string | undefined): string | undefined {
  const cause = message && /^\(HTTP code \d+\) .*? - ([\s\S]+)$/.exec(message)?.[1]?.trim();
  return cause || undefined;
}

function engineMessageOf(json: unknown): string | undefined {
  if (json === null || json === undefined) return undefined;
  if (typeof json === 'object' && !(json instanceof Uint8Array)) {
    const message = (json as { message?: unknown }).message;
    return typeof message === 'string' ? message.trim() : undefined;
  }
  const text = typeof json === 'string' ? json : new TextDecoder().decode(json as Uint8Array);
  try {
    return engineMessageOf(JSON.parse(text) as unknown);
  } catch {
    return text.trim() || undefined;
  }
}
