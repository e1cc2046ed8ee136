// The wire format shared by both transports. Control messages are JSON text;
// stream data travels as binary frames: a 4-byte big-endian stream id, then the
// bytes. The same ack message flows back over a MessagePort or a WebSocket.
import { z } from 'zod';
import type { ErrorEnvelope } from './errors.ts';

const id = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31);

const clientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id, ch: z.string().max(200), args: z.unknown() }),
  z.object({ t: z.literal('open'), sid: id, ch: z.string().max(200), args: z.unknown() }),
  z.object({ t: z.literal('ack'), sid: id, bytes: z.number().int().min(0) }),
  z.object({ t: z.literal('cancel'), sid: id }),
  /** The renderer is ready: events queued since the connection opened are sent now. */
  z.object({ t: z.literal('ready') }),
]);

export type ClientMessage = z.infer<typeof clientMessage>;

export type ServerMessage =
  | { t: 'result'; id: number; value: unknown }
  | { t: 'error'; id: number; error: ErrorEnvelope }
  | { t: 'event'; ch: string; payload: unknown }
  | { t: 'end'; sid: number; error?: ErrorEnvelope }
  /** A message the server could not understand; the connection stays open. */
  | { t: 'protocol-error'; error: ErrorEnvelope };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope };

/** Parses one text frame from a client; never throws. */
export function parseClientMessage(text: string): ParseResult<ClientMessage> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return badFrame('The message is not valid JSON.');
  }
  const parsed = clientMessage.safeParse(raw);
  if (!parsed.success) return badFrame(`The message has the wrong shape: ${parsed.error.message}`);
  return { ok: true, value: parsed.data };
}

/** Parses one text frame from the server; the server is trusted, so this checks only the tag. */
export function parseServerMessage(text: string): ParseResult<ServerMessage> {
  try {
    const raw = JSON.parse(text) as { t?: unknown };
    if (typeof raw === 'object' && raw !== null && typeof raw.t === 'string') {
      return { ok: true, value: raw as ServerMessage };
    }
  } catch {
    // falls through to the error below
  }
  return badFrame('The server sent a message that is not valid.');
}

export function encodeStreamData(sid: number, bytes: Uint8Array): Uint8Array {
  const frame = new Uint8Array(4 + bytes.byteLength);
  new DataView(frame.buffer).setUint32(0, sid, false);
  frame.set(bytes, 4);
  return frame;
}

export function decodeStreamData(
  frame: Uint8Array,
): ParseResult<{ sid: number; bytes: Uint8Array }> {
  if (frame.byteLength < 4) return badFrame('A binary frame is shorter than its header.');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return { ok: true, value: { sid: view.getUint32(0, false), bytes: frame.subarray(4) } };
}

function badFrame(message: string): { ok: false; error: ErrorEnvelope } {
  return { ok: false, error: { kind: 'bad-request', message } };
}
