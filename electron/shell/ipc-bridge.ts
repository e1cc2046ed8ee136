// The IPC half of the desktop transport: calls through ipcMain.handle, events
// through webContents.send (queued until the page says it is ready), and one
// MessagePort per stream. Every message is checked to come from our own
// window's top frame before anything runs.
import {
  BrowserWindow,
  dialog,
  ipcMain,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type MessagePortMain,
  type WebContents,
} from 'electron';
import type { EventChannel } from '../contract/channels.ts';
import { IPC, type PortMessage } from '../contract/preload-api.ts';
import type { Dispatcher } from '../transport/dispatcher.ts';

const MAX_QUEUED_EVENTS = 1000;

export interface IpcBridgeOptions {
  dispatcher: Dispatcher;
  contents: WebContents;
  /** The renderer's own URL prefix: the dev server, or the packaged index.html. */
  isTrustedUrl(url: string): boolean;
}

export function bridgeIpc({ dispatcher, contents, isTrustedUrl }: IpcBridgeOptions): () => void {
  let queue: [EventChannel, unknown][] | null = [];

  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
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
    if (!trusted(event))
      return { ok: false, error: { kind: 'bad-request', message: 'Refused: unknown sender.' } };
    return dispatcher.call(String(channel), args);
  });

  // For bind mounts: a folder on this computer, picked in the system's own dialog.
  ipcMain.handle(IPC.pickFolder, async (event) => {
    if (!trusted(event)) return null;
    const window = BrowserWindow.fromWebContents(contents);
    const options = { properties: ['openDirectory' as const] };
    const picked = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });

  ipcMain.on(IPC.ready, (event) => {
    if (!trusted(event)) return;
    const pending = queue ?? [];
    queue = null;
    for (const [ch, payload] of pending) contents.send(IPC.event, ch, payload);
  });

  ipcMain.on(IPC.openStream, (event, message: { sid?: unknown; ch?: unknown; args?: unknown }) => {
    const port = event.ports[0];
    if (!port || !trusted(event)) {
      port?.close();
      return;
    }
    openStreamOnPort(dispatcher, port, String(message.ch), message.args);
  });

  const unsubscribe = dispatcher.subscribe((ch, payload) => {
    if (contents.isDestroyed()) return;
    if (queue === null) contents.send(IPC.event, ch, payload);
    else if (queue.length < MAX_QUEUED_EVENTS) queue.push([ch, payload]);
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC.call);
    ipcMain.removeHandler(IPC.pickFolder);
    ipcMain.removeAllListeners(IPC.ready);
    ipcMain.removeAllListeners(IPC.openStream);
  };
}

function openStreamOnPort(
  dispatcher: Dispatcher,
  port: MessagePortMain,
  channel: string,
  args: unknown,
): void {
  const post = (message: PortMessage) => port.postMessage(message);
  const control = dispatcher.openStream(channel, args, {
    data: (bytes) => post({ t: 'data', bytes }),
    end: (error) => {
      post(error ? { t: 'end', error } : { t: 'end' });
      port.close();
    },
  });
  port.on('message', ({ data }: { data: PortMessage }) => {
    if (data.t === 'ack') control.ack(data.bytes);
    else if (data.t === 'cancel') control.cancel();
  });
  port.on('close', () => control.cancel());
  port.start();
}
