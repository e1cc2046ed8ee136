// Runs sandboxed, with context isolation: exposes only the small PreloadApi.
// Stream ports go to the page with window.postMessage, since a MessagePort
// cannot cross contextBridge.
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC,
  PRELOAD_GLOBAL,
  STREAM_PORT_KEY,
  type IpcReply,
  type PreloadApi,
} from '../contract/preload-api.ts';

const api: PreloadApi = {
  call: (channel, args) => ipcRenderer.invoke(IPC.call, channel, args) as Promise<IpcReply>,
  onEvent: (listener) => {
    const handler = (_event: unknown, channel: string, payload: unknown) =>
      listener(channel, payload);
    ipcRenderer.on(IPC.event, handler);
    return () => ipcRenderer.off(IPC.event, handler);
  },
  openStream: (sid, channel, args) => {
    const { port1, port2 } = new MessageChannel();
    ipcRenderer.postMessage(IPC.openStream, { sid, ch: channel, args }, [port1]);
    window.postMessage(
      { [STREAM_PORT_KEY]: sid },
      window.location.origin === 'null' ? '*' : window.location.origin,
      [port2],
    );
  },
  ready: () => ipcRenderer.send(IPC.ready),
  pickFolder: () => ipcRenderer.invoke(IPC.pickFolder) as Promise<string | null>,
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);
