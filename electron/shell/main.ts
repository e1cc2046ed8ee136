// The desktop face's main process: finds or starts an engine through the same
// services as the browser face, opens the locked-down window, and bridges IPC.
// On quit, the managed engine is stopped cleanly before the app exits.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { defaultDataDir, parseFlags, validateEngineFlag } from '../services/app-options.ts';
import type { AppServices } from '../services/app-services.ts';
import { createDefaultApp } from '../services/default-app.ts';
import { Dispatcher } from '../transport/dispatcher.ts';
import { bridgeIpc } from './ipc-bridge.ts';
import { PREVIEW_SCHEME_PRIVILEGES, servePreviewProtocol } from './preview-protocol.ts';
import { createMainWindow } from './window.ts';

app.enableSandbox();
// Only before the app is ready: the live preview's scheme parses like http (host, path, query).
protocol.registerSchemesAsPrivileged([PREVIEW_SCHEME_PRIVILEGES]);
// A second copy would fight the first over the managed engine: hand over and leave at once.
const isFirstInstance = app.requestSingleInstanceLock();
if (!isFirstInstance) app.exit(0);

let services: AppServices | null = null;
let quitting = false;

async function start(): Promise<void> {
  const flags = parseFlags(
    process.argv
      .slice(app.isPackaged ? 1 : 2)
      .filter((a) => a.startsWith('--engine') || a.startsWith('--data-dir')),
    ['engine', 'data-dir'],
  );
  services = await createDefaultApp(
    {
      engine: validateEngineFlag(flags.engine ?? 'auto'),
      dataDir:
        flags['data-dir'] ?? defaultDataDir(process.env, process.platform, app.getPath('home')),
    },
    {
      // electron-builder's extraResources (and Forge's extraResource) put them there.
      sampleSiteDir: app.isPackaged
        ? path.join(process.resourcesPath, 'sample-site')
        : path.join(app.getAppPath(), 'assets', 'sample-site'),
    },
  );
  const dispatcher = new Dispatcher(services);
  servePreviewProtocol(session.defaultSession.protocol, services.mayPreview);
  const { window, isTrustedUrl } = createMainWindow(session.defaultSession);
  const unbridge = bridgeIpc({
    dispatcher,
    ipcMain,
    dialog,
    window,
    transfers: services.transfers,
    contents: window.webContents,
    isTrustedUrl,
  });
  window.on('closed', unbridge);
}

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => app.quit());

app.on('before-quit', (event) => {
  if (quitting || !services) return;
  event.preventDefault();
  quitting = true;
  services
    .dispose()
    .catch((err: unknown) => console.error('Stopping the engine failed:', err))
    .finally(() => app.exit(0));
});

app
  .whenReady()
  .then(() => (isFirstInstance ? start() : undefined))
  .catch((err: unknown) => {
    console.error('Berth could not start:', err);
    app.exit(1);
  });
