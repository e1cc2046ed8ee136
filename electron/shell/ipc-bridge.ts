// The IPC half of the desktop transport: calls through ipcMain.handle, events
// through webContents.send (queued until the page says it is ready), one
// MessagePort per stream, and the system dialogs with the file transfers they
// pick for (file-ipc.ts). Every message is checked to come from our own
// window's top frame before anything runs, and every port message is checked
// against the contract before it is used: a bad one gets a protocol-error on
// its port, never an exception in the main process. Electron's objects come in
// as parameters (main.ts passes the real ones), so a test can run this under
// Node with stand-ins (fake-electron.testkit.ts).
import type { EventChannel } from '../contract/channels.ts';
import type { ErrorEnvelope } from '../contract/errors.ts';
import { parseOpenStreamMessage, parsePortMessage } from '../contract/frames.ts';
import { IPC, type PortServerMessage } from '../contract/preload-api.ts';
import type { Transfers } from '../services/transfers/transfers.ts';
import { boundEnvelope, BoundedConnection } from '../transport/connection-bounds.ts';
import type { Dispatcher } from '../transport/dispatcher.ts';
import type { StreamControl } from '../transport/stream-pump.ts';
import { handleFileIpc, type SystemDialog } from './file-ipc.ts';

const MAX_QUEUED_EVENTS = 1000;

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of an IpcMainEvent / IpcMainInvokeEvent this bridge reads. */
export interface IpcSenderEvent {
  readonly sender: unknown;
  readonly senderFrame: SenderFrame | null;
}

/** The parts of Electron's MessagePortMain a stream uses. */
export interface MainPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

export interface IpcPortEvent extends IpcSenderEvent {
  readonly ports: MainPort[];
}

/** The parts of Electron's ipcMain this bridge uses. */
export interface IpcMainApi {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcPortEvent, ...args: unknown[]) => void): unknown;
  removeHandler(channel: string): void;
  removeAllListeners(channel: string): unknown;
}

/** The window's webContents: where events go. */
export interface PageContents {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

interface IpcBridgeOptions<W> {
  dispatcher: Dispatcher;
  ipcMain: IpcMainApi;
  dialog: SystemDialog<W>;
  /** The window whose page this bridge serves; the dialogs are attached to it. */
  window: W;
  /** Download and upload tickets, redeemed here into and from files picked in the dialogs. */
  transfers: Transfers;
  contents: PageContents;
  /** The renderer's own URL prefix: the dev server, or the packaged index.html. */
  isTrustedUrl(url: string): boolean;
}

export function bridgeIpc<W>({
  dispatcher,
  ipcMain,
  dialog,
  window,
  transfers,
  contents,
  isTrustedUrl,
}: IpcBridgeOptions<W>): () => void {
  const connection = new BoundedConnection(dispatcher);
  const streams = new Map<MainPort, StreamControl>();
  let queue: [EventChannel, unknown][] | null = [];

  const trusted = (event: IpcSenderEvent): boolean => {
    const frame = event.senderFrame;
    const ok =
      event.sender === contents &&
      frame !== null &&
      frame.parent === null &&
      isTrustedUrl(frame.url);
    if (!ok) console.warn(`[ipc] refused a message from ${frame?.url ?? 'an unknown frame'}`);
    return ok;
  };

  ipcMain.handle(IPC.call, (event, channel: unknown, args: unknown) => {
    if (!trusted(event)) return refusal('Refused: unknown sender.');
    if (typeof channel !== 'string') return refusal('A call names its channel with a string.');
    return connection.call(channel, args);
  });

  const unhandleFiles = handleFileIpc({ ipcMain, dialog, window, transfers, trusted });

  ipcMain.on(IPC.ready, (event) => {
    if (!trusted(event)) return;
    const pending = queue ?? [];
    queue = null;
    for (const [ch, payload] of pending) contents.send(IPC.event, ch, payload);
  });

  ipcMain.on(IPC.openStream, (event, message: unknown) => {
    const port = event.ports?.[0];
    if (!port || !trusted(event)) {
      port?.close();
      return;
    }
    const request = parseOpenStreamMessage(message);
    if (!request.ok) {
      port.postMessage({ t: 'end', error: request.error } satisfies PortServerMessage);
      port.close();
      return;
    }
    const control = openStreamOnPort(connection, port, request.value.ch, request.value.args, () =>
      streams.delete(port),
    );
    if (control) streams.set(port, control);
  });

  const unsubscribe = dispatcher.subscribe((ch, payload) => {
    if (contents.isDestroyed()) return;
    if (queue === null) contents.send(IPC.event, ch, payload);
    else if (queue.length < MAX_QUEUED_EVENTS) queue.push([ch, payload]);
  });

  return () => {
    unsubscribe();
    connection.close();
    for (const control of streams.values()) control.cancel();
    ipcMain.removeHandler(IPC.call);
    unhandleFiles();
    ipcMain.removeAllListeners(IPC.ready);
    ipcMain.removeAllListeners(IPC.openStream);
  };
}

function openStreamOnPort(
  connection: BoundedConnection,
  port: MainPort,
  channel: string,
  args: unknown,
  forget: () => void,
): StreamControl | undefined {
  const post = (message: PortServerMessage) => port.postMessage(message);
  let ended = false;
  const control = connection.openStream(channel, args, {
    data: (bytes) => post({ t: 'data', bytes }),
    end: (error) => {
      ended = true;
      post(error ? { t: 'end', error } : { t: 'end' });
      port.close();
      forget();
    },
    refused: (error) => post({ t: 'protocol-error', error }),
  });
  port.on('message', ({ data }) => {
    if (ended) return;
    const parsed = parsePortMessage(data);
    if (!parsed.ok) {
      post({ t: 'protocol-error', error: boundEnvelope(parsed.error) });
      return;
    }
    const m = parsed.value;
    switch (m.t) {
      case 'ack':
        return control.ack(m.bytes);
      case 'cancel':
        return control.cancel();
      case 'input':
        return control.input(typeof m.data === 'string' ? Buffer.from(m.data, 'utf8') : m.data);
      case 'resize':
        return control.resize(m.cols, m.rows);
    }
  });
  port.on('close', () => control.cancel());
  port.start();
  // A stream refused at once (past the cap, bad arguments) has already ended: keep no entry.
  return ended ? undefined : control;
}

function refusal(message: string): { ok: false; error: ErrorEnvelope } {
  return { ok: false, error: { kind: 'bad-request', message } };
}
