// The window's session policy with a stand-in session that keeps the handlers
// it is given, so each can be asked what Chromium would ask it.
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../transport/content-security-policy.ts';
import { lockDownSession, type LockableSession } from './session-policy.ts';

type Handlers = {
  headers?: Parameters<LockableSession['webRequest']['onHeadersReceived']>[0];
  request?: Parameters<LockableSession['setPermissionRequestHandler']>[0];
  check?: Parameters<LockableSession['setPermissionCheckHandler']>[0];
};

function lockedSession(): Handlers {
  const handlers: Handlers = {};
  lockDownSession({
    webRequest: { onHeadersReceived: (listener) => (handlers.headers = listener) },
    setPermissionRequestHandler: (handler) => (handlers.request = handler),
    setPermissionCheckHandler: (handler) => (handlers.check = handler),
  });
  return handlers;
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

  it('adds the content security policy to every response, keeping its other headers', () => {
    const { headers } = lockedSession();
    let sent: Record<string, string | string[]> | undefined;
    headers!(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r) => (sent = r.responseHeaders),
    );
    expect(sent).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });
});
