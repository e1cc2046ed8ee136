import { describe, expect, it } from 'vitest';
import { checkAccess, createAccessPolicy, openSession } from './access.ts';

const policy = () => createAccessPolicy({ listenHost: '127.0.0.1', port: 7420, token: 'secret' });
const req = (url: string, headers: Record<string, string> = {}) => ({
  url,
  headers: { host: '127.0.0.1:7420', ...headers },
});

describe('checkAccess', () => {
  it('refuses a request without token or session', () => {
    expect(checkAccess(policy(), req('/'))).toMatchObject({ ok: false, status: 401 });
  });

  it('accepts the token in the query or as a bearer header', () => {
    expect(checkAccess(policy(), req('/?token=secret'))).toEqual({ ok: true, via: 'token' });
    expect(checkAccess(policy(), req('/ws', { authorization: 'Bearer secret' }))).toEqual({
      ok: true,
      via: 'token',
    });
    expect(checkAccess(policy(), req('/?token=secreT'))).toMatchObject({ ok: false });
  });

  it('accepts a session cookie it issued, and no other', () => {
    const p = policy();
    const cookie = openSession(p).split(';')[0]!;
    expect(cookie.startsWith('berth_session_7420=')).toBe(true);
    expect(checkAccess(p, req('/', { cookie }))).toEqual({ ok: true, via: 'cookie' });
    expect(checkAccess(p, req('/', { cookie: 'berth_session_7420=forged' }))).toMatchObject({
      ok: false,
    });
  });

  it('refuses a foreign Host even with the token (DNS rebinding)', () => {
    expect(
      checkAccess(policy(), req('/?token=secret', { host: 'evil.example:7420' })),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('refuses a foreign Origin even with the token', () => {
    const r = req('/?token=secret', { origin: 'http://evil.example' });
    expect(checkAccess(policy(), r)).toMatchObject({ ok: false, status: 403 });
    const own = req('/?token=secret', { origin: 'http://127.0.0.1:7420' });
    expect(checkAccess(policy(), own)).toMatchObject({ ok: true });
  });

  it('accepts localhost and, on all interfaces, IP literals but not names', () => {
    expect(checkAccess(policy(), req('/?token=secret', { host: 'localhost:7420' }))).toMatchObject({
      ok: true,
    });
    const open = createAccessPolicy({ listenHost: '0.0.0.0', port: 7420, token: 'secret' });
    expect(checkAccess(open, req('/?token=secret', { host: '192.0.2.7:7420' }))).toMatchObject({
      ok: true,
    });
    expect(checkAccess(open, req('/?token=secret', { host: 'attacker.test:7420' }))).toMatchObject({
      ok: false,
    });
  });
});
