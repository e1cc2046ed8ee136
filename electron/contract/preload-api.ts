// The small API the Electron preload exposes to the renderer with contextBridge,
// as `window[PRELOAD_GLOBAL]`. Stream bytes travel over a MessagePort that the
// preload hands to the page with window.postMessage({ [STREAM_PORT_KEY]: sid }).
// Types and constants only: the sandboxed preload inlines this file, so the
// schemas that check port messages live in frames.ts, which the preload never loads.
import type { ErrorEnvelope } from './errors.ts';

export type { OpenStreamMessage, PortClientMessage } from './frames.ts';

export const PRELOAD_GLOBAL = 'berth';
export const STREAM_PORT_KEY = 'berthStreamPort';

export type IpcReply<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope };

export interface PreloadApi {
  call(channel: string, args: unknown[]): Promise<IpcReply>;
  onEvent(listener: (channel: string, payload: unknown) => void): () => void;
  /** Opens a stream; its MessagePort arrives as a window message carrying STREAM_PORT_KEY = sid. */
  openStream(sid: number, channel: string, args: unknown[]): void;
  /** The page is ready: events queued until now are delivered. */
  ready(): void;
  /** The system's folder picker (desktop only): the chosen folder, or null when cancelled. */
  pickFolder(): Promise<string | null>;
  /**
   * Redeems a download ticket (from `transfers.open`) into a file picked in the
   * system's save dialog: the saved path, or null when the user cancelled.
   */
  saveTransferToFile(ticketId: string): Promise<IpcReply<string | null>>;
  /**
   * Redeems an upload ticket with a file picked in the system's open dialog:
   * what the upload answered (`{ loaded }` for `images.load`), or null when cancelled.
   */
  uploadTransferFromFile(ticketId: string): Promise<IpcReply<{ result: unknown } | null>>;
  /**
   * Redeems an upload ticket with a file dropped on the page (a DOM File): the
   * preload asks Electron for the file's path, and main streams that file as
   * it does a picked one. Only files from the system have a path.
   */
  uploadDroppedFile(ticketId: string, file: unknown): Promise<IpcReply<{ result: unknown } | null>>;
}

/** What main sends on a stream's port. */
export type PortServerMessage =
  | { t: 'data'; bytes: Uint8Array }
  | { t: 'end'; error?: ErrorEnvelope }
  /** Input or a resize this stream refused; the stream goes on. */
  | { t: 'protocol-error'; error: ErrorEnvelope };

/** IPC channel names between preload and main. */
export const IPC = {
  call: 'berth:call',
  event: 'berth:event',
  openStream: 'berth:stream-open',
  ready: 'berth:ready',
  pickFolder: 'berth:pick-folder',
  saveTransfer: 'berth:save-transfer',
  uploadTransfer: 'berth:upload-transfer',
  uploadDropped: 'berth:upload-dropped',
} as const;
