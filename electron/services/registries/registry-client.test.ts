// The v2 client against a small token-auth registry served on loopback: the
// Bearer flow (401 challenge -> token service with basic creds or an identity
// token -> retry), catalog pages by Link, and the registry's words on refusal.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogPage, repositoryTags } from './registry-client.ts';

let server: Server;
let host: string;
const repositories = ['a/one', 'a/two', 'b/three'];
const tokenRequests: string[] = [];

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

async function serve(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (url.pathname === '/token') {
    const form = req.method === 'POST' ? new URLSearchParams(await bodyOf(req)) : null;
    tokenRequests.push(
      `${req.method} ${url.searchParams.get('service') ?? form?.get('service')} ${url.searchParams.get('scope') ?? form?.get('scope')}`,
    );
    const basicOk =
      req.headers.authorization === `Basic ${Buffer.from('alice:pw').toString('base64')}`;
    const refreshOk =
      form?.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'refresh-1';
    if (!basicOk && !refreshOk)
      return send(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] });
    return send(res, 200, refreshOk ? { access_token: 'T' } : { token: 'T' });
  }
  if (req.headers.authorization !== 'Bearer T') {
    return send(
      res,
      401,
      { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
      {
        'www-authenticate': `Bearer realm="http://${host}/token",service="test-registry",scope="registry:catalog:*"`,
      },
    );
  }
  if (url.pathname === '/v2/_catalog') {
    const n = Number(url.searchParams.get('n'));
    const last = url.searchParams.get('last');
    const from = last ? repositories.indexOf(last) + 1 : 0;
    const page = repositories.slice(from, from + n);
    const more = from + n < repositories.length;
    return send(
      res,
      200,
      { repositories: page },
      more
        ? { link: `</v2/_catalog?last=${encodeURIComponent(page.at(-1)!)}&n=${n}>; rel="next"` }
        : {},
    );
  }
  if (url.pathname === '/v2/a/one/tags/list')
    return send(res, 200, { name: 'a/one', tags: ['1', 'latest'] });
  return send(res, 404, {
    errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }],
  });
}

beforeAll(async () => {
  server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('registry client, token auth', () => {
  it('gets a token with basic credentials and follows catalog pages', async () => {
    const credentials = { username: 'alice', password: 'pw' };
    const first = await catalogPage(host, { credentials, n: 2 });
    expect(first).toEqual({ repositories: ['a/one', 'a/two'], next: 'a/two' });
    expect(await catalogPage(host, { credentials, n: 2, last: first.next! })).toEqual({
      repositories: ['b/three'],
    });
    expect(tokenRequests.at(-1)).toBe('GET test-registry registry:catalog:*');
    expect(await repositoryTags(host, 'a/one', { credentials })).toEqual(['1', 'latest']);
  });

  it('trades an identity token for an access token (OAuth refresh)', async () => {
    const page = await catalogPage(host, {
      credentials: { username: '', identitytoken: 'refresh-1' },
    });
    expect(page.repositories).toEqual(repositories);
    expect(tokenRequests.at(-1)).toBe('POST test-registry registry:catalog:*');
  });

  it('keeps the token service words when the credentials are wrong', async () => {
    await expect(
      catalogPage(host, { credentials: { username: 'alice', password: 'nope' } }),
    ).rejects.toMatchObject({
      envelope: { status: 401, engineMessage: 'unauthorized: bad credentials' },
    });
  });

  it('says what the registry answered for an unknown repository', async () => {
    await expect(
      repositoryTags(host, 'nope/x', { credentials: { username: 'alice', password: 'pw' } }),
    ).rejects.toMatchObject({
      envelope: {
        kind: 'not-found',
        engineMessage: 'name_unknown: repository name not known to registry',
      },
    });
  });
});
