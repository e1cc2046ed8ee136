// A non-browser client of the browser face, as tests and the benchmark use it:
// trade the token for a session (POST /session), then open the WebSocket with
// the session as a subprotocol, exactly as the page does.
import WebSocket from 'ws';
import {
  SESSION_PATH,
  SESSION_PROTOCOL_PREFIX,
  WS_PROTOCOL,
} from '../../electron/contract/browser-face.ts';

export async function openSession(appUrl: string, token: string): Promise<string> {
  const res = await fetch(new URL(SESSION_PATH, appUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`POST /session answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { session: string }).session;
}

/** A socket on `/ws` offering `protocols`; rejects with `HTTP <status>` when the upgrade is refused. */
export function connectFace(
  appUrl: string,
  protocols: string[],
  headers: Record<string, string> = {},
): Promise<WebSocket> {
  const ws = new WebSocket(new URL('ws', appUrl.replace(/^http/, 'ws')), protocols, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (req, res) => {
      req.destroy();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
    ws.once('error', reject);
  });
}

/** A signed-in socket: a new session for the token, presented as the page presents it. */
export async function openFaceSocket(appUrl: string, token: string): Promise<WebSocket> {
  const session = await openSession(appUrl, token);
  return connectFace(appUrl, [WS_PROTOCOL, `${SESSION_PROTOCOL_PREFIX}${session}`]);
}
