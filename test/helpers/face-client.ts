// A non-browser client of the browser face, as tests and the benchmark use it:
// trade the token for a session (POST /session), then open the WebSocket with
// the session as a subprotocol, exactly as the page does.
import WebSocket from 'ws';
import {
  SESSION_PATH,
  SESSION_PROTOCOL_PREFIX,
  WS_PROTOCOL,
} from '../../electron/contract/browser-face.ts';
import { decodeStreamData } from '../../electron/contract/frames.ts';

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

let nextCallId = 1;

/** One contract call over a signed-in socket: resolves with its value, rejects with its envelope. */
export function faceCall(ws: WebSocket, channel: string, ...args: unknown[]): Promise<unknown> {
  const id = nextCallId++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const msg = JSON.parse(data.toString()) as {
        t: string;
        id?: number;
        value?: unknown;
        error?: unknown;
      };
      if (msg.id !== id) return;
      ws.off('message', onMessage);
      if (msg.t === 'result') resolve(msg.value);
      else reject(Object.assign(new Error(JSON.stringify(msg.error)), { envelope: msg.error }));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'call', id, ch: channel, args }));
  });
}

/**
 * One contract stream over a signed-in socket, read to its end as the page
 * reads it (every frame acked): resolves at its end, rejects with its envelope.
 */
export function faceStream(
  ws: WebSocket,
  sid: number,
  channel: string,
  args: unknown[],
  onData?: (bytes: Uint8Array) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        const frame = decodeStreamData(new Uint8Array(data));
        if (!frame.ok || frame.value.sid !== sid) return;
        ws.send(JSON.stringify({ t: 'ack', sid, bytes: frame.value.bytes.byteLength }));
        onData?.(frame.value.bytes);
        return;
      }
      const msg = JSON.parse(data.toString()) as { t: string; sid?: number; error?: unknown };
      if (msg.t !== 'end' || msg.sid !== sid) return;
      ws.off('message', onMessage);
      if (msg.error) {
        const error = new Error(`${channel} failed: ${JSON.stringify(msg.error)}`);
        reject(Object.assign(error, { envelope: msg.error }));
      } else resolve();
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'open', sid, ch: channel, args }));
  });
}
