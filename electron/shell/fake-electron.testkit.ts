// Stand-ins for the Electron objects the desktop adapter takes (ipcMain,
// ipcRenderer, contextBridge, dialog, the page's window), built on Node's own
// MessageChannel and EventEmitter, so ipc-bridge.ts and preload-bridge.ts run
// under Node. Like Electron, arguments are structured-cloned, IPC is
// asynchronous, and an exception in a main-process listener is not caught
// (it surfaces as an uncaught error, which fails the test).
import { EventEmitter } from 'node:events';
import type { MessagePort as NodePort } from 'node:worker_threads';
import type { SystemDialog } from './file-ipc.ts';
import type {
  IpcMainApi,
  IpcPortEvent,
  IpcSenderEvent,
  MainPort,
  PageContents,
  SenderFrame,
} from './ipc-bridge.ts';
import type { ContextBridgeApi, IpcRendererApi, PageWindow } from './preload-bridge.ts';

export const PAGE_URL = 'file:///app/renderer/main_window/index.html';

type Handler = (event: IpcSenderEvent, ...args: unknown[]) => unknown;
type Listener = (event: IpcPortEvent, ...args: unknown[]) => void;

const later = (run: () => void) => setImmediate(run);

/** MessagePortMain's shape over a Node MessagePort: listeners get `{ data }`, as in Electron. */
export function asMainPort(port: NodePort): MainPort {
  return {
    postMessage: (message) => port.postMessage(message),
    on: (event: 'message' | 'close', listener: (message: { data: unknown }) => void) =>
      event === 'message'
        ? port.on('message', (data: unknown) => listener({ data }))
        : port.on('close', () => (listener as () => void)()),
    start: () => port.start(),
    close: () => port.close(),
  } as MainPort;
}

export class FakeIpcMain implements IpcMainApi {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Listener[]>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  removeAllListeners(channel: string): this {
    this.listeners.delete(channel);
    return this;
  }

  emit(channel: string, event: IpcPortEvent, args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

/** The window's webContents: what main sends reaches every renderer made for it. */
export class FakeWebContents implements PageContents {
  readonly renderer = new EventEmitter();
  destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    const cloned = structuredClone(args);
    later(() => this.renderer.emit(channel, {}, ...cloned));
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface SenderIdentity {
  /** Which webContents sends: the window's own by default. */
  sender?: unknown;
  url?: string;
  /** A frame's parent: null for the top frame. */
  parent?: unknown;
}

/** ipcRenderer in a page with this identity. */
export function fakeIpcRenderer(
  ipcMain: FakeIpcMain,
  contents: FakeWebContents,
  identity: SenderIdentity = {},
): IpcRendererApi {
  const senderFrame: SenderFrame = {
    url: identity.url ?? PAGE_URL,
    parent: identity.parent ?? null,
  };
  const event = { sender: identity.sender ?? contents, senderFrame };
  return {
    invoke: (channel, ...args) => {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      const cloned = structuredClone(args);
      // As in Electron, a handler that throws rejects the page's invoke.
      return new Promise((resolve, reject) =>
        later(() => {
          Promise.resolve()
            .then(() => handler(event, ...cloned))
            .then((value) => resolve(structuredClone(value)))
            .catch(reject);
        }),
      );
    },
    send: (channel, ...args) => {
      const cloned = structuredClone(args);
      later(() => ipcMain.emit(channel, { ...event, ports: [] }, cloned));
    },
    postMessage: (channel, message, transfer) => {
      const cloned = structuredClone(message);
      const ports = transfer.map((port) => asMainPort(port as NodePort));
      later(() => ipcMain.emit(channel, { ...event, ports }, [cloned]));
    },
    on: (channel, listener) => contents.renderer.on(channel, listener),
    off: (channel, listener) => contents.renderer.off(channel, listener),
  };
}

interface PageMessage {
  data: unknown;
  ports: NodePort[];
  source: unknown;
}

/** The page's window: what the preload posts to it, with the ports it transfers. */
export class FakePage implements PageWindow {
  readonly location = { origin: 'file://' };
  readonly messages = new EventEmitter();
  readonly targetOrigins: string[] = [];

  postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void {
    this.targetOrigins.push(targetOrigin);
    const event: PageMessage = {
      data: structuredClone(message),
      ports: transfer as NodePort[],
      source: this,
    };
    later(() => this.messages.emit('message', event));
  }

  /** The port the preload hands over for stream `sid`. */
  portFor(sid: number, key: string): Promise<NodePort> {
    return new Promise((resolve) => {
      const onMessage = (event: PageMessage) => {
        if ((event.data as Record<string, unknown>)[key] !== sid) return;
        this.messages.off('message', onMessage);
        resolve(event.ports[0]!);
      };
      this.messages.on('message', onMessage);
    });
  }
}

export class FakeContextBridge implements ContextBridgeApi {
  readonly exposed = new Map<string, unknown>();

  exposeInMainWorld(apiKey: string, api: unknown): void {
    this.exposed.set(apiKey, api);
  }
}

/** The system dialogs: each answers what a test set, as if the user had picked it (or cancelled). */
export class FakeDialog<W> implements SystemDialog<W> {
  readonly opened: { window: W; options: unknown }[] = [];
  readonly saved: { window: W; options: unknown }[] = [];
  answer = { canceled: false, filePaths: ['/home/me/site'] };
  saveAnswer: { canceled: boolean; filePath?: string } = { canceled: true, filePath: '' };

  showOpenDialog(
    window: W,
    options: { properties: ('openDirectory' | 'openFile')[] },
  ): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.opened.push({ window, options });
    return Promise.resolve(this.answer);
  }

  showSaveDialog(
    window: W,
    options: { defaultPath: string },
  ): Promise<{ canceled: boolean; filePath?: string }> {
    this.saved.push({ window, options });
    return Promise.resolve(this.saveAnswer);
  }

  /** Picks `path` in whichever dialog opens next. */
  choose(path: string): void {
    this.answer = { canceled: false, filePaths: [path] };
    this.saveAnswer = { canceled: false, filePath: path };
  }

  /** The user cancels every dialog. */
  cancel(): void {
    this.answer = { canceled: true, filePaths: [] };
    this.saveAnswer = { canceled: true, filePath: '' };
  }
}
