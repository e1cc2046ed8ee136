// One WebSocket carries a renderer's calls, events and streams, multiplexed by
// the frame format in electron/contract/frames.ts. A bad frame gets an error
// reply and the connection keeps serving.
import type { WebSocket, RawData } from 'ws';
import type { EventChannel } from '../contract/channels.ts';
import {
  encodeStreamData,
  parseClientMessage,
  type ClientMessage,
  type ServerMessage,
} from '../contract/frames.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { StreamControl } from './stream-pump.ts';

/** Events kept for a renderer that has not said it is ready; past this it re-lists anyway. */
const MAX_QUEUED_EVENTS = 1000;

export function serveWebSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const streams = new Map<number, StreamControl>();
  let queue: ServerMessage[] | null = [];

  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  const unsubscribe = dispatcher.subscribe((ch: EventChannel, payload: unknown) => {
    const message: ServerMessage = { t: 'event', ch, payload };
    if (queue === null) send(message);
    else if (queue.length < MAX_QUEUED_EVENTS) queue.push(message);
  });

  const handle = (message: ClientMessage) => {
    switch (message.t) {
      case 'ready': {
        const pending = queue ?? [];
        queue = null;
        pending.forEach(send);
        return;
      }
      case 'call':
        void dispatcher
          .call(message.ch, message.args)
          .then((reply) =>
            send(
              reply.ok
                ? { t: 'result', id: message.id, value: reply.value }
                : { t: 'error', id: message.id, error: reply.error },
            ),
          );
        return;
      case 'open': {
        if (streams.has(message.sid)) {
          send({
            t: 'end',
            sid: message.sid,
            error: { kind: 'bad-request', message: `Stream ${message.sid} is already open.` },
          });
          return;
        }
        const sid = message.sid;
        streams.set(
          sid,
          dispatcher.openStream(message.ch, message.args, {
            data: (bytes) => {
              if (socket.readyState === socket.OPEN) socket.send(encodeStreamData(sid, bytes));
            },
            end: (error) => {
              streams.delete(sid);
              send(error ? { t: 'end', sid, error } : { t: 'end', sid });
            },
          }),
        );
        return;
      }
      case 'ack':
        streams.get(message.sid)?.ack(message.bytes);
        return;
      case 'cancel':
        streams.get(message.sid)?.cancel();
        return;
    }
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      send({
        t: 'protocol-error',
        error: { kind: 'bad-request', message: 'Clients send text frames only.' },
      });
      return;
    }
    const parsed = parseClientMessage(rawToString(data));
    if (parsed.ok) handle(parsed.value);
    else send({ t: 'protocol-error', error: parsed.error });
  });

  socket.on('close', () => {
    unsubscribe();
    for (const control of streams.values()) control.cancel();
    streams.clear();
  });
  socket.on('error', (err) => console.warn('[ws] connection error:', err.message));
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
