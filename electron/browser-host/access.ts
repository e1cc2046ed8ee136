// Who may talk to the browser face: a random token printed at start (like
// Jupyter), exchanged once for an HttpOnly, SameSite=Strict session cookie; and
// only requests whose Host and Origin name this server (against DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { BoundedSet } from '../services/bounded-set.ts';

const MAX_SESSIONS = 100;

export interface AccessPolicy {
  readonly token: string;
  readonly cookieName: string;
  /** `host:port` values a request may carry in its Host header. */
  readonly allowedHosts: ReadonlySet<string>;
  /** When listening on all interfaces, any IP literal is accepted (a rebinding attack needs a name). */
  readonly acceptAnyIpHost: boolean;
  readonly sessions: Set<string>;
}

export function createAccessPolicy(opts: {
  listenHost: string;
  port: number;
  token?: string;
  extraHosts?: string[];
}): AccessPolicy {
  const { listenHost, port } = opts;
  const names = new Set<string>(['localhost', bracketed(listenHost), ...(opts.extraHosts ?? [])]);
  if (listenHost === '127.0.0.1' || listenHost === 'localhost') names.add('127.0.0.1');
  if (listenHost === '::1') names.add('[::1]');
  return {
    token: opts.token ?? randomBytes(24).toString('hex'),
    cookieName: `berth_session_${port}`,
    allowedHosts: new Set([...names].map((n) => `${n}:${port}`)),
    acceptAnyIpHost: listenHost === '0.0.0.0' || listenHost === '::',
    // Each visit of the token URL opens a session; the newest ones are kept.
    sessions: new BoundedSet(MAX_SESSIONS),
  };
}

export type AccessDecision =
  { ok: true; via: 'cookie' | 'token' } | { ok: false; status: 401 | 403; reason: string };

export interface RequestFacts {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export function checkAccess(policy: AccessPolicy, req: RequestFacts): AccessDecision {
  const host = header(req, 'host');
  if (!host || !hostAllowed(policy, host)) {
    return { ok: false, status: 403, reason: `Host "${host ?? ''}" is not this server.` };
  }
  const origin = header(req, 'origin');
  if (origin !== undefined && origin !== `http://${host}`) {
    return { ok: false, status: 403, reason: `Origin "${origin}" is not this server.` };
  }
  const session = readCookie(header(req, 'cookie'), policy.cookieName);
  if (session && policy.sessions.has(session)) return { ok: true, via: 'cookie' };
  const token = tokenOf(req);
  if (token !== undefined && sameSecret(token, policy.token)) return { ok: true, via: 'token' };
  return { ok: false, status: 401, reason: 'A valid access token or session is required.' };
}

/** Starts a session and returns its Set-Cookie header value. */
export function openSession(policy: AccessPolicy): string {
  const session = randomBytes(24).toString('hex');
  policy.sessions.add(session);
  return `${policy.cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`;
}

function hostAllowed(policy: AccessPolicy, host: string): boolean {
  if (policy.allowedHosts.has(host.toLowerCase())) return true;
  if (!policy.acceptAnyIpHost) return false;
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return isIP(name) !== 0;
}

function tokenOf(req: RequestFacts): string | undefined {
  const auth = header(req, 'authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  const query = new URL(req.url, 'http://x').searchParams.get('token');
  return query ?? undefined;
}

function header(req: RequestFacts, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function bracketed(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
