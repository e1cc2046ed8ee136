// The window's session policy with a stand-in session that keeps the handlers
// it is given, so each can be asked what Chromium would ask it.
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../transport/content-security-policy.ts';
import { appUrlMatcher, lockDownSession, type LockableSession } from './session-policy.ts';

type Handlers = {
  headers?: Parameters<LockableSession['webRequest']['onHeadersReceived']>[0];
  request?: Parameters<LockableSession['setPermissionRequestHandler']>[0];
  check?: Parameters<LockableSession['setPermissionCheckHandler']>[0];
};

const PAGE = 'file:///app/renderer/main_window/index.html';

function lockedSession(pageUrl = PAGE): Handlers {
  const handlers: Handlers = {};
  lockDownSession(
    {
      webRequest: { onHeadersReceived: (listener) => (handlers.headers = listener) },
      setPermissionRequestHandler: (handler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler) => (handlers.check = handler),
    },
    appUrlMatcher(pageUrl),
  );
  return handlers;
}

/** What the session's header listener answers for a response from `url`. */
function headersFor(handlers: Handlers, url: string) {
  let sent: { responseHeaders?: Record<string, string | string[]> } | undefined;
  handlers.headers!({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (sent = r));
  return sent;
}

describe('lockDownSession', () => {
  it('answers every permission check with no', () => {
    const { check } = lockedSession();
    expect(check).toBeDefined();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'hid']) {
      expect(check!({}, permission, 'file://', {})).toBe(false);
    }
  });

  it('refuses every permission request', () => {
    const { request } = lockedSession();
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'openExternal']) {
      request!({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false]);
  });

  it("adds the content security policy to every response of Berth's page, keeping its other headers", () => {
    const handlers = lockedSession();
    expect(headersFor(handlers, PAGE)?.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    const dev = lockedSession('http://localhost:5173/');
    expect(headersFor(dev, 'http://localhost:5173/src/main.tsx')?.responseHeaders).toMatchObject({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('leaves the headers of a previewed site and of the preview scheme as they came', () => {
    // Berth's frame-ancestors 'none' on the site would keep the preview blank.
    for (const handlers of [lockedSession(), lockedSession('http://localhost:5173/')]) {
      expect(headersFor(handlers, 'http://localhost:8080/')).toEqual({});
      expect(headersFor(handlers, 'berth-preview://preview/8080?ticket=ab')).toEqual({});
    }
  });
});

describe('appUrlMatcher', () => {
  it("knows Berth's page by its files or by the dev server's origin, nothing else", () => {
    const packaged = appUrlMatcher(PAGE);
    expect(packaged('file:///app/renderer/main_window/assets/index.js')).toBe(true);
    for (const other of ['http://localhost:8080/', 'berth-preview://preview/80', 'nonsense', '']) {
      expect(packaged(other)).toBe(false);
    }
    const dev = appUrlMatcher('http://localhost:5173/');
    expect(dev('http://localhost:5173/@vite/client')).toBe(true);
    for (const other of [
      'http://localhost:8080/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
    ]) {
      expect(dev(other)).toBe(false);
    }
  });
});
