// The desktop adapter wired end to end under Node: the main process's IPC
// bridge over a real Dispatcher (with the handlers a test gives), and the
// preload's API exposed through the stand-ins of fake-electron.testkit.ts.
import { PassThrough } from 'node:stream';
import { PRELOAD_GLOBAL, type PreloadApi } from '../contract/preload-api.ts';
import { EventHub } from '../services/event-hub.ts';
import { stubTransfers } from '../services/transfers/stub-transfers.testkit.ts';
import type { Transfers } from '../services/transfers/transfers.ts';
import {
  Dispatcher,
  everyStream,
  type CallHandlers,
  type ServiceSet,
} from '../transport/dispatcher.ts';
import type { StreamSource } from '../transport/stream-pump.ts';
import {
  FakeContextBridge,
  FakeDialog,
  FakeIpcMain,
  FakePage,
  FakeWebContents,
  fakeIpcRenderer,
  PAGE_URL,
  type SenderIdentity,
} from './fake-electron.testkit.ts';
import { bridgeIpc } from './ipc-bridge.ts';
import { createPreloadApi, exposePreloadApi } from './preload-bridge.ts';

export const WINDOW = { title: 'Berth' };

export interface FakeDesktopOptions {
  calls?: Partial<CallHandlers>;
  /** What every stream channel opens (an idle PassThrough unless given). */
  stream?: () => StreamSource;
  transfers?: Transfers;
}

export type FakeDesktop = ReturnType<typeof fakeDesktop>;

export function fakeDesktop({ calls = {}, stream, transfers }: FakeDesktopOptions = {}) {
  const events = new EventHub();
  const handler = stream ?? (() => new PassThrough());
  const services: ServiceSet = {
    calls: calls as CallHandlers,
    streams: everyStream(handler),
    events,
  };
  const ipcMain = new FakeIpcMain();
  const contents = new FakeWebContents();
  const dialog = new FakeDialog<typeof WINDOW>();
  const page = new FakePage();
  const dispose = bridgeIpc({
    dispatcher: new Dispatcher(services),
    ipcMain,
    dialog,
    window: WINDOW,
    transfers: transfers ?? stubTransfers(),
    contents,
    isTrustedUrl: (url) => url.split('#')[0] === PAGE_URL,
  });
  const contextBridge = new FakeContextBridge();
  // Electron's webUtils.getPathForFile, for a test's stand-in File: its `path`.
  const pathForFile = (file: unknown) => (file as { path?: string }).path ?? '';
  exposePreloadApi(contextBridge, fakeIpcRenderer(ipcMain, contents), page, pathForFile);
  const api = contextBridge.exposed.get(PRELOAD_GLOBAL) as PreloadApi;
  /** The preload's API in a page or frame that is not ours. */
  const apiFrom = (identity: SenderIdentity) =>
    createPreloadApi(fakeIpcRenderer(ipcMain, contents, identity), page, pathForFile);
  return { api, apiFrom, page, ipcMain, contents, dialog, events, dispose };
}
