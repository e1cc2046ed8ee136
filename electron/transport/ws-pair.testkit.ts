// A real WebSocket pair for transport tests: serveWebSocket on one end, and on
// the other a client that records what the server sends.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { decodeStreamData, type ClientMessage, type ServerMessage } from '../contract/frames.ts';
import { Dispatcher, type ServiceSet } from './dispatcher.ts';
import { serveWebSocket } from './ws-connection.ts';

export interface WsPeer {
  ws: WebSocket;
  /** Every text message the server sent, parsed, in order. */
  text: ServerMessage[];
  /** Every stream's output bytes, by stream id. */
  bytes: Map<number, Buffer>;
  received(): number;
  send(message: ClientMessage | Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function connectPeer(services: ServiceSet): Promise<WsPeer> {
  const server: Server = createServer();
  const wss = new WebSocketServer({ server, maxPayload: 2 * 1024 * 1024 });
  wss.on('connection', (ws) => serveWebSocket(ws, new Dispatcher(services)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await new Promise((r) => ws.once('open', r));
  const text: ServerMessage[] = [];
  const bytes = new Map<number, Buffer>();
  let received = 0;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) {
      text.push(JSON.parse(data.toString()) as ServerMessage);
      return;
    }
    const frame = decodeStreamData(new Uint8Array(data));
    if (!frame.ok) return;
    received += frame.value.bytes.byteLength;
    const { sid } = frame.value;
    bytes.set(sid, Buffer.concat([bytes.get(sid) ?? Buffer.alloc(0), frame.value.bytes]));
  });
  return {
    ws,
    text,
    bytes,
    received: () => received,
    send: (message) => ws.send(JSON.stringify(message)),
    close: async () => {
      ws.close();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Waits for a condition, polling; returns whether it came true before the deadline. */
export async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
}
