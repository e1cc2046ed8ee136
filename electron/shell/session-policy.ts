// The window's session, locked down: Berth's CSP on every response of Berth's
// own page, and every permission (camera, notifications, clipboard, ...)
// refused, whether the page asks for it (request handler) or Chromium only
// checks whether it has it (check handler: without one, such checks fall back
// to Chromium's defaults). The sites a live preview frames keep their own
// headers: Berth's policy (frame-ancestors 'none') would forbid framing them.
// Takes the session as a parameter so a test can pass a stand-in.
import { CONTENT_SECURITY_POLICY } from '../transport/content-security-policy.ts';

type Headers = Record<string, string | string[]>;

/** The parts of Electron's Session this uses. */
export interface LockableSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Headers },
        callback: (response: { responseHeaders?: Headers }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
}

/** `isAppUrl`: is this a response for Berth's page (the dev server's origin, or the packaged files)? */
export function lockDownSession(
  session: LockableSession,
  isAppUrl: (url: string) => boolean,
): void {
  // The packaged page carries the CSP as a meta tag too; the header also covers the dev server.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) return callback({});
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

/** Responses for Berth's page: the packaged files (any `file:` URL), or the dev server's origin. */
export function appUrlMatcher(pageUrl: string): (url: string) => boolean {
  const page = new URL(pageUrl);
  return (url) => {
    if (!URL.canParse(url)) return false;
    const u = new URL(url);
    return page.protocol === 'file:' ? u.protocol === 'file:' : u.origin === page.origin;
  };
}
