// Who may talk to the browser face. Every request must name this server in its
// Host (and Origin, when a browser sends one), against DNS rebinding. The page
// itself is not secret; what it can do is: the random token printed at start
// (like Jupyter) buys a session, and the WebSocket opens only with one.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { SESSION_AUTH_SCHEME, SESSION_PROTOCOL_PREFIX } from '../contract/browser-face.ts';
import { SessionStore } from './sessions.ts';

const MIN_TOKEN_LENGTH = 32;

export interface AccessPolicy {
  readonly token: string;
  /** `host:port` values a request may carry in its Host header. */
  readonly allowedHosts: ReadonlySet<string>;
  /** When listening on all interfaces, any IP literal is accepted (a rebinding attack needs a name). */
  readonly acceptAnyIpHost: boolean;
  readonly sessions: SessionStore;
}

export function createAccessPolicy(opts: {
  listenHost: string;
  port: number;
  token?: string;
  extraHosts?: string[];
  now?: () => number;
}): AccessPolicy {
  const { listenHost, port } = opts;
  const token = opts.token ?? randomBytes(32).toString('hex');
  const problem = tokenProblem(token);
  if (problem) throw new Error(problem);
  const names = new Set<string>(['localhost', bracketed(listenHost), ...(opts.extraHosts ?? [])]);
  if (listenHost === '127.0.0.1' || listenHost === 'localhost') names.add('127.0.0.1');
  if (listenHost === '::1') names.add('[::1]');
  return {
    token,
    allowedHosts: new Set([...names].map((n) => `${n}:${port}`)),
    acceptAnyIpHost: listenHost === '0.0.0.0' || listenHost === '::',
    sessions: new SessionStore(opts.now),
  };
}

/** Why a token given by the user cannot be used, or null. */
export function tokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) {
    return (
      `The access token has ${token.length} characters; it needs at least ${MIN_TOKEN_LENGTH}. ` +
      'Leave it out and Berth makes a random one, or make one with `openssl rand -hex 32`.'
    );
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    return 'The access token may use printable ASCII characters only, without spaces.';
  }
  return null;
}

type HeaderBag = Record<string, string | string[] | undefined>;

type OriginDecision = { ok: true } | { ok: false; reason: string };

/** Host, and Origin when present, must name this server. */
export function checkOrigin(policy: AccessPolicy, headers: HeaderBag): OriginDecision {
  const host = header(headers, 'host');
  if (!host || !hostAllowed(policy, host)) {
    return { ok: false, reason: `Host "${printable(host ?? '')}" is not this server.` };
  }
  const origin = header(headers, 'origin');
  if (origin !== undefined && origin !== `http://${host}`) {
    return { ok: false, reason: `Origin "${printable(origin)}" is not this server.` };
  }
  return { ok: true };
}

/** `Authorization: Bearer <token>` with the access token. */
export function carriesToken(policy: AccessPolicy, headers: HeaderBag): boolean {
  const given = credential(headers, 'Bearer');
  return given !== undefined && sameSecret(given, policy.token);
}

/** The session secret of `Authorization: Session <secret>`. */
export function sessionFromHeader(headers: HeaderBag): string | undefined {
  return credential(headers, SESSION_AUTH_SCHEME);
}

/** The session secret a page offers as a WebSocket subprotocol. */
export function sessionFromProtocols(headers: HeaderBag): string | undefined {
  const offered = (header(headers, 'sec-websocket-protocol') ?? '').split(',');
  for (const value of offered.map((p) => p.trim())) {
    if (value.startsWith(SESSION_PROTOCOL_PREFIX))
      return value.slice(SESSION_PROTOCOL_PREFIX.length);
  }
  return undefined;
}

/** Control characters never reach a log or a reply as they are. */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    /[\x00-\x1f\x7f-\x9f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function credential(headers: HeaderBag, scheme: string): string | undefined {
  const auth = header(headers, 'authorization');
  const prefix = `${scheme} `;
  return auth?.startsWith(prefix) ? auth.slice(prefix.length).trim() : undefined;
}

function hostAllowed(policy: AccessPolicy, host: string): boolean {
  if (policy.allowedHosts.has(host.toLowerCase())) return true;
  if (!policy.acceptAnyIpHost) return false;
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return isIP(name) !== 0;
}

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function bracketed(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
