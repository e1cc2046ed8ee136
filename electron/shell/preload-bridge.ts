// What the preload exposes to the page, with Electron's objects as parameters
// (preload.ts passes the real ones) so a test can run it under Node with
// stand-ins. Stream ports go to the page with window.postMessage, since a
// MessagePort cannot cross contextBridge. Checked both as page code
// (tsconfig.preload.json) and as Node code, so it names no DOM-only type.
import {
  IPC,
  PRELOAD_GLOBAL,
  STREAM_PORT_KEY,
  type IpcReply,
  type PreloadApi,
} from '../contract/preload-api.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;
/** The page's MessagePort, or Node's in a test: whichever MessageChannel this runs with. */
type Port = InstanceType<typeof MessageChannel>['port1'];

/** The parts of Electron's ipcRenderer the preload uses. */
export interface IpcRendererApi {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  postMessage(channel: string, message: unknown, transfer: Port[]): void;
  on(channel: string, listener: Listener): unknown;
  off(channel: string, listener: Listener): unknown;
}

export interface ContextBridgeApi {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

/** The page's window, as far as handing it a stream's port goes. */
export interface PageWindow {
  postMessage(message: unknown, targetOrigin: string, transfer: Port[]): void;
  readonly location: { readonly origin: string };
}

/**
 * A dropped file's path on disk (Electron's webUtils.getPathForFile): empty
 * for a File the page made itself, so the page can name no other file.
 */
export type PathForFile = (file: unknown) => string;

export function createPreloadApi(
  ipcRenderer: IpcRendererApi,
  page: PageWindow,
  pathForFile: PathForFile = () => '',
): PreloadApi {
  return {
    call: (channel, args) => ipcRenderer.invoke(IPC.call, channel, args) as Promise<IpcReply>,
    onEvent: (listener) => {
      const handler: Listener = (_event, channel, payload) => listener(String(channel), payload);
      ipcRenderer.on(IPC.event, handler);
      return () => void ipcRenderer.off(IPC.event, handler);
    },
    openStream: (sid, channel, args) => {
      const { port1, port2 } = new MessageChannel();
      ipcRenderer.postMessage(IPC.openStream, { sid, ch: channel, args }, [port1]);
      page.postMessage(
        { [STREAM_PORT_KEY]: sid },
        page.location.origin === 'null' ? '*' : page.location.origin,
        [port2],
      );
    },
    ready: () => ipcRenderer.send(IPC.ready),
    pickFolder: () => ipcRenderer.invoke(IPC.pickFolder) as Promise<string | null>,
    saveTransferToFile: (ticketId) =>
      ipcRenderer.invoke(IPC.saveTransfer, ticketId) as Promise<IpcReply<string | null>>,
    uploadTransferFromFile: (ticketId) =>
      ipcRenderer.invoke(IPC.uploadTransfer, ticketId) as Promise<
        IpcReply<{ result: unknown } | null>
      >,
    uploadDroppedFile: (ticketId, file) =>
      ipcRenderer.invoke(IPC.uploadDropped, ticketId, pathForFile(file)) as Promise<
        IpcReply<{ result: unknown } | null>
      >,
  };
}

export function exposePreloadApi(
  contextBridge: ContextBridgeApi,
  ipcRenderer: IpcRendererApi,
  page: PageWindow,
  pathForFile?: PathForFile,
): void {
  contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createPreloadApi(ipcRenderer, page, pathForFile));
}
