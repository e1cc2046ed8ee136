// The wire format shared by both transports. Control messages are JSON text;
// stream bytes travel as binary frames: a 4-byte big-endian stream id, then the
// bytes. The server sends a stream's output that way, and the client sends a
// stream's input bytes the same way (text input may go as an `input` message).
// The same ack, cancel, input and resize messages flow back over a MessagePort
// (preload-api.ts) or a WebSocket.
import { z } from 'zod';
import type { ErrorEnvelope } from './errors.ts';
import { describeProblems, placeOf } from './schema-problems.ts';
import { MAX_INPUT_BYTES, MAX_TERMINAL_CELLS } from './flow-control.ts';

/** A frame's fields have no labels: a problem's place is its path in words. */
const wherePlainly = (path: readonly PropertyKey[]) => placeOf(path, {});

const streamId = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31);

const ackBytes = z.number().int().min(0);

/** Text for a stream's input (a terminal's keystrokes or a paste), at most MAX_INPUT_BYTES of UTF-8. */
const inputText = z
  .string()
  .max(MAX_INPUT_BYTES)
  .refine((s) => utf8Length(s) <= MAX_INPUT_BYTES, {
    message: `Input is limited to ${MAX_INPUT_BYTES} bytes a message.`,
  });

/** Bytes for a stream's input, at most MAX_INPUT_BYTES. */
const inputBytes = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'Expected bytes.' })
  .refine((b) => b.byteLength <= MAX_INPUT_BYTES, {
    message: `Input is limited to ${MAX_INPUT_BYTES} bytes a message.`,
  });

/** A terminal's columns or rows. */
const terminalCells = z.number().int().min(1).max(MAX_TERMINAL_CELLS);

const clientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: streamId, ch: z.string().max(200), args: z.unknown() }),
  z.object({ t: z.literal('open'), sid: streamId, ch: z.string().max(200), args: z.unknown() }),
  z.object({ t: z.literal('ack'), sid: streamId, bytes: ackBytes }),
  z.object({ t: z.literal('cancel'), sid: streamId }),
  /** Text for the stream's input; bytes travel as a binary frame instead. */
  z.object({ t: z.literal('input'), sid: streamId, data: inputText }),
  z.object({ t: z.literal('resize'), sid: streamId, cols: terminalCells, rows: terminalCells }),
  /** The renderer is ready: events queued since the connection opened are sent now. */
  z.object({ t: z.literal('ready') }),
]);

export type ClientMessage = z.infer<typeof clientMessage>;

export type ServerMessage =
  | { t: 'result'; id: number; value: unknown }
  | { t: 'error'; id: number; error: ErrorEnvelope }
  | { t: 'event'; ch: string; payload: unknown }
  | { t: 'end'; sid: number; error?: ErrorEnvelope }
  /**
   * A message the server could not understand or carry out; the connection stays
   * open. With `sid`: input or a resize that stream refused, and the stream goes on.
   */
  | { t: 'protocol-error'; sid?: number; error: ErrorEnvelope };

const portClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ack'), bytes: ackBytes }),
  z.object({ t: z.literal('cancel') }),
  z.object({ t: z.literal('input'), data: z.union([inputText, inputBytes]) }),
  z.object({ t: z.literal('resize'), cols: terminalCells, rows: terminalCells }),
]);

/** What the page sends on a stream's MessagePort (desktop); main checks each with parsePortMessage. */
export type PortClientMessage = z.infer<typeof portClientMessage>;

const openStreamMessage = z.object({ sid: streamId, ch: z.string().max(200), args: z.unknown() });

/** The preload's request to open a stream, sent with the port main is to use. */
export type OpenStreamMessage = z.infer<typeof openStreamMessage>;

type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope };

/** Parses one text frame from a client; never throws. */
export function parseClientMessage(text: string): ParseResult<ClientMessage> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return badFrame('The message is not valid JSON.');
  }
  const parsed = clientMessage.safeParse(raw);
  if (!parsed.success)
    return badFrame(
      `The message has the wrong shape: ${describeProblems(parsed.error.issues, wherePlainly)}`,
    );
  return { ok: true, value: parsed.data };
}

/** Checks one message from the page's end of a stream port; never throws. */
export function parsePortMessage(raw: unknown): ParseResult<PortClientMessage> {
  const parsed = portClientMessage.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return badFrame(
    `The stream message has the wrong shape: ${describeProblems(parsed.error.issues, wherePlainly)}`,
  );
}

export function parseOpenStreamMessage(raw: unknown): ParseResult<OpenStreamMessage> {
  const parsed = openStreamMessage.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return badFrame(
    `The stream request has the wrong shape: ${describeProblems(parsed.error.issues, wherePlainly)}`,
  );
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

export function encodeStreamData(sid: number, bytes: Uint8Array): Uint8Array<ArrayBuffer> {
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

/** Decodes a client's binary frame: input bytes for one stream, at most MAX_INPUT_BYTES. */
export function decodeInputFrame(
  frame: Uint8Array,
): ParseResult<{ sid: number; bytes: Uint8Array }> {
  const decoded = decodeStreamData(frame);
  if (decoded.ok && decoded.value.bytes.byteLength > MAX_INPUT_BYTES) {
    return badFrame(`Input is limited to ${MAX_INPUT_BYTES} bytes a message.`);
  }
  return decoded;
}

/** UTF-8 length without an encoder (the contract has neither Node's nor the DOM's). */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function badFrame(message: string): { ok: false; error: ErrorEnvelope } {
  return { ok: false, error: { kind: 'bad-request', message } };
}
