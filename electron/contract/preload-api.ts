// The small API the Electron preload exposes to the renderer with contextBridge,
// as `window[PRELOAD_GLOBAL]`. Stream bytes travel over a MessagePort that the
// preload hands to the page with window.postMessage({ [STREAM_PORT_KEY]: sid }).
import { z } from 'zod';
import type { ErrorEnvelope } from './errors.ts';
import {
  ackBytes,
  inputBytes,
  inputText,
  plainIssues,
  streamId,
  terminalCells,
  type ParseResult,
} from './frames.ts';

export const PRELOAD_GLOBAL = 'berth';
export const STREAM_PORT_KEY = 'berthStreamPort';

export type IpcReply = { ok: true; value: unknown } | { ok: false; error: ErrorEnvelope };

export interface PreloadApi {
  call(channel: string, args: unknown[]): Promise<IpcReply>;
  onEvent(listener: (channel: string, payload: unknown) => void): () => void;
  /** Opens a stream; its MessagePort arrives as a window message carrying STREAM_PORT_KEY = sid. */
  openStream(sid: number, channel: string, args: unknown[]): void;
  /** The page is ready: events queued until now are delivered. */
  ready(): void;
  /** The system's folder picker (desktop only): the chosen folder, or null when cancelled. */
  pickFolder(): Promise<string | null>;
}

/** What main sends on a stream's port. */
export type PortServerMessage =
  | { t: 'data'; bytes: Uint8Array }
  | { t: 'end'; error?: ErrorEnvelope }
  /** Input or a resize this stream refused; the stream goes on. */
  | { t: 'protocol-error'; error: ErrorEnvelope };

const portClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ack'), bytes: ackBytes }),
  z.object({ t: z.literal('cancel') }),
  z.object({ t: z.literal('input'), data: z.union([inputText, inputBytes]) }),
  z.object({ t: z.literal('resize'), cols: terminalCells, rows: terminalCells }),
]);

/** What the page sends on a stream's port; main checks each with parsePortMessage. */
export type PortClientMessage = z.infer<typeof portClientMessage>;

/** Messages on a stream's MessagePort, both directions. */
export type PortMessage = PortServerMessage | PortClientMessage;

/** Checks one message from the page's end of a stream port; never throws. */
export function parsePortMessage(raw: unknown): ParseResult<PortClientMessage> {
  const parsed = portClientMessage.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const message = `The stream message has the wrong shape: ${plainIssues(parsed.error)}`;
  return { ok: false, error: { kind: 'bad-request', message } };
}

const openStreamMessage = z.object({ sid: streamId, ch: z.string().max(200), args: z.unknown() });

/** The preload's request to open a stream, sent with the port main is to use. */
export type OpenStreamMessage = z.infer<typeof openStreamMessage>;

export function parseOpenStreamMessage(raw: unknown): ParseResult<OpenStreamMessage> {
  const parsed = openStreamMessage.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const message = `The stream request has the wrong shape: ${plainIssues(parsed.error)}`;
  return { ok: false, error: { kind: 'bad-request', message } };
}

/** IPC channel names between preload and main. */
export const IPC = {
  call: 'berth:call',
  event: 'berth:event',
  openStream: 'berth:stream-open',
  ready: 'berth:ready',
  pickFolder: 'berth:pick-folder',
} as const;
