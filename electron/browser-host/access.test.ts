import { describe, expect, it } from 'vitest';
import {
  carriesToken,
  checkOrigin,
  createAccessPolicy,
  printable,
  sessionFromProtocols,
} from './access.ts';

const TOKEN = 'the-token-of-at-least-thirty-two-chars';
const policy = () => createAccessPolicy({ listenHost: '127.0.0.1', port: 7420, token: TOKEN });
const headers = (extra: Record<string, string> = {}) => ({ host: '127.0.0.1:7420', ...extra });

describe('the access policy', () => {
  it('refuses to start with a token shorter than 32 characters', () => {
    expect(() =>
      createAccessPolicy({ listenHost: '127.0.0.1', port: 1, token: 'a'.repeat(31) }),
    ).toThrow(/at least 32/);
    expect(createAccessPolicy({ listenHost: '127.0.0.1', port: 1 }).token.length).toBeGreaterThan(
      32,
    );
  });

  it('accepts the token only as a bearer header, compared exactly', () => {
    expect(carriesToken(policy(), headers({ authorization: `Bearer ${TOKEN}` }))).toBe(true);
    expect(carriesToken(policy(), headers({ authorization: `Bearer ${TOKEN}x` }))).toBe(false);
    expect(carriesToken(policy(), headers())).toBe(false);
  });

  it('finds the session among the offered subprotocols', () => {
    const offered = { 'sec-websocket-protocol': 'berth.v1, berth.session.abc123' };
    expect(sessionFromProtocols(headers(offered))).toBe('abc123');
    expect(sessionFromProtocols(headers({ 'sec-websocket-protocol': 'berth.v1' }))).toBe(undefined);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', () => {
    expect(checkOrigin(policy(), headers({ host: 'evil.example:7420' }))).toMatchObject({
      ok: false,
    });
    expect(checkOrigin(policy(), headers({ origin: 'http://evil.example' }))).toMatchObject({
      ok: false,
    });
    expect(checkOrigin(policy(), headers({ origin: 'http://127.0.0.1:7421' }))).toMatchObject({
      ok: false,
    });
    expect(checkOrigin(policy(), headers({ origin: 'http://127.0.0.1:7420' }))).toEqual({
      ok: true,
    });
  });

  it('accepts localhost and, on all interfaces, IP literals but not names', () => {
    expect(checkOrigin(policy(), headers({ host: 'localhost:7420' }))).toEqual({ ok: true });
    const open = createAccessPolicy({ listenHost: '0.0.0.0', port: 7420, token: TOKEN });
    expect(checkOrigin(open, { host: '192.0.2.7:7420' })).toEqual({ ok: true });
    expect(checkOrigin(open, { host: 'attacker.test:7420' })).toMatchObject({ ok: false });
  });

  it('never quotes a control character back as it is', () => {
    expect(printable('a\u0000b\nc\u009b')).toBe('a\\x00b\\x0ac\\x9b');
    const refused = checkOrigin(policy(), { host: 'x\u0000:7420' });
    expect(refused.ok || refused.reason).not.toContain('\u0000');
  });
});
