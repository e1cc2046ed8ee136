// `/session`: the page trades the printed token for a session secret (POST),
// and asks whether its secret is still known (GET) when its WebSocket keeps
// failing, to tell "the server restarted" from "the server is down".
import type { IncomingMessage, ServerResponse } from 'node:http';
import { carriesToken, sessionFromHeader, type AccessPolicy } from './access.ts';

export function serveSession(
  policy: AccessPolicy,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  // These replies carry or consume a secret: no cache may keep them.
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'POST') {
    if (!carriesToken(policy, req.headers)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(
        'Berth needs its access token. Open the URL that `npm start` printed (it ends with ?token=...).\n',
      );
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ session: policy.sessions.open() }));
    return;
  }
  if (req.method === 'GET') {
    const secret = sessionFromHeader(req.headers);
    res.writeHead(secret !== undefined && policy.sessions.isLive(secret) ? 204 : 401).end();
    return;
  }
  res.writeHead(405, { Allow: 'GET, POST' }).end('Method not allowed');
}
