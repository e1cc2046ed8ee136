// Reads a registry's v2 API from Berth's own process (not through the engine,
// which has no catalog call): `/v2/_catalog` and `/v2/NAME/tags/list`, with the
// user's credentials, either as basic auth or through the token flow (a 401
// with `WWW-Authenticate: Bearer realm=…` -> GET the realm with basic creds
// -> retry with the token). Loopback registries speak http, as the engine
// treats 127.0.0.0/8 as insecure; every other one https. Each operation has
// one deadline for all its requests, so a registry that never answers is
// reported within seconds.
import { DOCKER_HUB } from '../../contract/image-reference.ts';
import { ContractError } from '../../contract/errors.ts';
import type { KeptCredentials } from './credential-store.ts';
import { nextPageFrom, parseWwwAuthenticate } from './www-authenticate.ts';

export const REGISTRY_TIMEOUT_MS = 5_000;

/** Registries keep the catalog paginated; this many names a page. */
export const CATALOG_PAGE = 100;

export interface RegistryRequestOptions {
  credentials?: KeptCredentials | undefined;
  timeoutMs?: number;
}

function isLoopback(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.split(':')[0]!;
  return name === 'localhost' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** Where the registry's API lives: Docker Hub's is registry-1.docker.io. */
export function registryBaseUrl(registry: string): string {
  if (registry === DOCKER_HUB) return 'https://registry-1.docker.io';
  return `${isLoopback(registry) ? 'http' : 'https'}://${registry}`;
}

function basic(credentials: KeptCredentials): string | undefined {
  if (credentials.password === undefined || !credentials.username) return undefined;
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/** The registry's words from an error body (`{errors: [{code, message}]}`), as the engine quotes them. */
function registryWords(body: string, status: number): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: string; message?: string }[] };
    const first = parsed.errors?.[0];
    if (first) return `${(first.code ?? '').toLowerCase()}: ${first.message ?? ''}`.trim();
  } catch {
    // not JSON: quote the text
  }
  return body.trim().slice(0, 300) || `HTTP ${status}`;
}

class Session {
  readonly signal: AbortSignal;
  readonly registry: string;
  private readonly opts: RegistryRequestOptions;
  private token: string | undefined;

  constructor(registry: string, opts: RegistryRequestOptions) {
    this.registry = registry;
    this.opts = opts;
    this.signal = AbortSignal.timeout(opts.timeoutMs ?? REGISTRY_TIMEOUT_MS);
  }

  private async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: this.signal, redirect: 'follow' });
    } catch (error) {
      throw this.unreachable(error);
    }
  }

  unreachable(error: unknown): ContractError {
    const seconds = (this.opts.timeoutMs ?? REGISTRY_TIMEOUT_MS) / 1000;
    if (this.signal.aborted) {
      return new ContractError({
        kind: 'timeout',
        message: `${this.registry} did not answer within ${seconds} s.`,
        hint: 'Check the registry is running and reachable from this machine (or that there is a network).',
      });
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const words = cause?.message ?? (error as Error).message;
    return new ContractError({
      kind: 'unreachable',
      message: `${this.registry} cannot be reached (${words}).`,
      hint: 'Check its name and port, and that it is running.',
    });
  }

  /** GET `path` with whatever auth the registry asks for; returns the response once it is not a 401. */
  async get(path: string): Promise<Response> {
    const url = `${registryBaseUrl(this.registry)}${path}`;
    const headers = (): Record<string, string> =>
      this.token ? { authorization: `Bearer ${this.token}` } : {};
    let res = await this.fetch(url, { headers: headers() });
    if (res.status !== 401) return res;
    const challenge = parseWwwAuthenticate(res.headers.get('www-authenticate'));
    const creds = this.opts.credentials;
    if (challenge?.scheme === 'basic' && creds && basic(creds)) {
      await res.body?.cancel();
      res = await this.fetch(url, { headers: { authorization: basic(creds)! } });
    } else if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      await res.body?.cancel();
      this.token = await this.fetchToken(challenge.params);
      res = await this.fetch(url, { headers: headers() });
    }
    return res;
  }

  /** The token flow: anonymous, basic creds, or an identity token as an OAuth refresh token. */
  private async fetchToken(params: Record<string, string>): Promise<string> {
    const creds = this.opts.credentials;
    const realm = new URL(params.realm!);
    let res: Response;
    if (creds?.identitytoken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: creds.identitytoken,
        client_id: 'berth',
        ...(params.service ? { service: params.service } : {}),
        ...(params.scope ? { scope: params.scope } : {}),
      });
      res = await this.fetch(realm.toString(), { method: 'POST', body: form });
    } else {
      if (params.service) realm.searchParams.set('service', params.service);
      if (params.scope) realm.searchParams.set('scope', params.scope);
      const auth = creds ? basic(creds) : undefined;
      res = await this.fetch(realm.toString(), auth ? { headers: { authorization: auth } } : {});
    }
    const text = await res.text();
    if (!res.ok) throw registryError(this.registry, res.status, text);
    const body = JSON.parse(text) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token)
      throw new ContractError({
        kind: 'internal',
        message: `${this.registry}'s token service answered no token.`,
      });
    return token;
  }

  async json<T>(path: string): Promise<{ body: T; link: string | null }> {
    const res = await this.get(path);
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw this.unreachable(error);
    }
    if (!res.ok) throw registryError(this.registry, res.status, text);
    return { body: JSON.parse(text) as T, link: res.headers.get('link') };
  }
}

function registryError(registry: string, status: number, body: string): ContractError {
  const words = registryWords(body, status);
  const hint =
    status === 401
      ? 'Log in to this registry (or check the login kept for it).'
      : status === 403
        ? "Your login may not read this: ask the registry's owner."
        : status === 404
          ? 'The registry does not know this name (or offers no catalog: Docker Hub offers none).'
          : undefined;
  return new ContractError({
    kind: status === 404 ? 'not-found' : 'engine',
    message: `${registry} refused: ${words}`,
    engineMessage: words,
    status,
    ...(hint ? { hint } : {}),
  });
}

export interface CatalogPage {
  repositories: string[];
  /** Pass as `last` for the next page; absent on the last page. */
  next?: string;
}

/** One page of the registry's repositories (`/v2/_catalog?n=…&last=…`). */
export async function catalogPage(
  registry: string,
  opts: RegistryRequestOptions & { last?: string; n?: number } = {},
): Promise<CatalogPage> {
  const query = new URLSearchParams({ n: String(opts.n ?? CATALOG_PAGE) });
  if (opts.last) query.set('last', opts.last);
  const { body, link } = await new Session(registry, opts).json<{ repositories?: string[] | null }>(
    `/v2/_catalog?${query.toString()}`,
  );
  const next = nextPageFrom(link);
  return { repositories: body.repositories ?? [], ...(next ? { next } : {}) };
}

/** A repository's tags (`/v2/NAME/tags/list`), every page of them. */
export async function repositoryTags(
  registry: string,
  repository: string,
  opts: RegistryRequestOptions = {},
): Promise<string[]> {
  const session = new Session(registry, opts);
  const tags: string[] = [];
  let last: string | undefined;
  // A bound on pages, so a registry whose Link never ends cannot loop us forever.
  for (let page = 0; page < 50; page++) {
    const query = new URLSearchParams({ n: '1000', ...(last ? { last } : {}) });
    const { body, link } = await session.json<{ tags?: string[] | null }>(
      `/v2/${repository}/tags/list?${query.toString()}`,
    );
    tags.push(...(body.tags ?? []));
    last = nextPageFrom(link);
    if (!last) break;
  }
  return tags;
}
