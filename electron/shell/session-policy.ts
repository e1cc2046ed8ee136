// The window's session, locked down: the CSP on every response, and every
// permission (camera, notifications, clipboard, ...) refused, whether the page
// asks for it (request handler) or Chromium only checks whether it has it
// (check handler: without one, such checks fall back to Chromium's defaults).
// Takes the session as a parameter so a test can pass a stand-in.
import { CONTENT_SECURITY_POLICY } from '../transport/content-security-policy.ts';

type Headers = Record<string, string | string[]>;

/** The parts of Electron's Session this uses. */
export interface LockableSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Headers },
        callback: (response: { responseHeaders?: Headers }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
}

export function lockDownSession(session: LockableSession): void {
  // The packaged page carries the CSP as a meta tag too; the header also covers the dev server.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
