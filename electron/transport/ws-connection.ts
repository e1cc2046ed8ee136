// One WebSocket carries a renderer's calls, events and streams, multiplexed by
// the frame format in electron/contract/frames.ts. A bad frame gets an error
// reply and the connection keeps serving. What the connection may hold at once
// (calls, streams, the size of an error) is bounded in connection-bounds.ts.
import type { RawData, WebSocket } from 'ws';
import type { EventChannel } from '../contract/channels.ts';
import type { ErrorEnvelope } from '../contract/errors.ts';
import {
  decodeInputFrame,
  encodeStreamData,
  parseClientMessage,
  type ClientMessage,
  type ServerMessage,
} from '../contract/frames.ts';
import { boundEnvelope, BoundedConnection } from './connection-bounds.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { StreamControl } from './stream-pump.ts';

/** Events kept for a renderer that has not said it is ready; past this it re-lists anyway. */
const MAX_QUEUED_EVENTS = 1000;
/** A peer that stops reading (a sleeping laptop, a dead tunnel) is dropped past this backlog. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** A peer that misses a pong for this long is gone: its streams and subscription are released. */
const HEARTBEAT_MS = 30_000;

export function serveWebSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const connection = new BoundedConnection(dispatcher);
  const streams = new Map<number, StreamControl>();
  let queue: ServerMessage[] | null = [];

  const sendRaw = (data: string | Uint8Array) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      console.warn('[ws] closing a connection that stopped reading');
      socket.terminate();
      return;
    }
    socket.send(data);
  };
  const send = (message: ServerMessage) => sendRaw(JSON.stringify(message));
  const protocolError = (error: ErrorEnvelope, sid?: number) =>
    send({
      t: 'protocol-error',
      ...(sid === undefined ? {} : { sid }),
      error: boundEnvelope(error),
    });

  let alive = true;
  socket.on('pong', () => (alive = true));
  const heartbeat = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);

  const unsubscribe = dispatcher.subscribe((ch: EventChannel, payload: unknown) => {
    const message: ServerMessage = { t: 'event', ch, payload };
    if (queue === null) send(message);
    else if (queue.length < MAX_QUEUED_EVENTS) queue.push(message);
  });

  const call = (message: Extract<ClientMessage, { t: 'call' }>) => {
    connection
      .call(message.ch, message.args)
      .then((reply) =>
        send(
          reply.ok
            ? { t: 'result', id: message.id, value: reply.value }
            : { t: 'error', id: message.id, error: reply.error },
        ),
      )
      .catch((err: unknown) => {
        console.error(`[ws] couldn't send the reply to ${message.ch}:`, err);
        const error = {
          kind: 'internal' as const,
          message: `Couldn't send the reply to ${message.ch}.`,
        };
        send({ t: 'error', id: message.id, error });
      });
  };

  const open = ({ sid, ch, args }: Extract<ClientMessage, { t: 'open' }>) => {
    if (streams.has(sid)) {
      send({
        t: 'end',
        sid,
        error: { kind: 'bad-request', message: `Stream ${sid} is already open.` },
      });
      return;
    }
    let ended = false;
    const control = connection.openStream(ch, args, {
      data: (bytes) => sendRaw(encodeStreamData(sid, bytes)),
      end: (error) => {
        ended = true;
        streams.delete(sid);
        send(error ? { t: 'end', sid, error } : { t: 'end', sid });
      },
      refused: (error) => protocolError(error, sid),
    });
    // A stream that failed to open has already ended: keep no entry for it.
    if (!ended) streams.set(sid, control);
  };

  const handle = (message: ClientMessage) => {
    switch (message.t) {
      case 'ready': {
        const pending = queue ?? [];
        queue = null;
        pending.forEach(send);
        return;
      }
      case 'call':
        return call(message);
      case 'open':
        return open(message);
      case 'ack':
        streams.get(message.sid)?.ack(message.bytes);
        return;
      case 'cancel':
        streams.get(message.sid)?.cancel();
        return;
      // To a stream that has just ended these are a race, not a fault: dropped like a late ack.
      case 'input':
        streams.get(message.sid)?.input(Buffer.from(message.data, 'utf8'));
        return;
      case 'resize':
        streams.get(message.sid)?.resize(message.cols, message.rows);
        return;
    }
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      // A client's binary frame is input bytes for one stream, framed like the server's output.
      const frame = decodeInputFrame(rawToBytes(data));
      if (!frame.ok) protocolError(frame.error);
      else streams.get(frame.value.sid)?.input(frame.value.bytes);
      return;
    }
    const parsed = parseClientMessage(rawToBytes(data).toString('utf8'));
    if (parsed.ok) handle(parsed.value);
    else protocolError(parsed.error);
  });

  socket.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    connection.close();
    for (const control of streams.values()) control.cancel();
    streams.clear();
  });
  socket.on('error', (err) => console.warn('[ws] connection error:', err.message));
}

function rawToBytes(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
