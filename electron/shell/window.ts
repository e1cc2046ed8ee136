// The main window, locked down: context isolation, sandbox, no Node in the
// page, a strict CSP, every permission refused (session-policy.ts), no
// navigation away and no new windows. Links to published ports open in the
// system browser, and only for http(s). The live preview's framing page comes
// from a scheme of Berth's (preview-protocol.ts, served by main.ts).
import { BrowserWindow, shell, type Session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appUrlMatcher, lockDownSession } from './session-policy.ts';

declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

interface MainWindow {
  window: BrowserWindow;
  isTrustedUrl(url: string): boolean;
}

export function createMainWindow(session: Session): MainWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 780,
    minWidth: 800,
    minHeight: 500,
    title: 'Berth',
    show: false,
    webPreferences: {
      session,
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });

  const pageUrl = MAIN_WINDOW_VITE_DEV_SERVER_URL
    ? new URL(MAIN_WINDOW_VITE_DEV_SERVER_URL).href
    : pathToFileURL(join(__dirname, `../renderer/${MAIN_WINDOW_VITE_NAME}/index.html`)).href;
  const isTrustedUrl = (url: string) => url.split('#')[0] === pageUrl.split('#')[0];

  lockDownSession(session, appUrlMatcher(pageUrl));

  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    const protocol = URL.canParse(url) ? new URL(url).protocol : '';
    if (protocol === 'http:' || protocol === 'https:') void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(pageUrl);
  return { window, isTrustedUrl };
}
