import { describe, expect, it } from 'vitest';
import { dialStdioCommand, parseSshUrl } from './ssh-url.ts';

describe('ssh:// addresses', () => {
  it('reads user, host and port, leaving out what the address does not say', () => {
    expect(parseSshUrl('ssh://root@10.0.0.2:2222')).toEqual({
      ok: true,
      address: { user: 'root', host: '10.0.0.2', port: 2222 },
    });
    expect(parseSshUrl('ssh://build-box')).toEqual({ ok: true, address: { host: 'build-box' } });
    expect(parseSshUrl('SSH://me@[fe80::1]:22')).toEqual({
      ok: true,
      address: { user: 'me', host: 'fe80::1', port: 22 },
    });
  });

  it('takes a path as the remote engine socket, quoted for the remote shell', () => {
    const parsed = parseSshUrl("ssh://me@host/run/user/1000/it's.sock");
    expect(parsed).toEqual({
      ok: true,
      address: { user: 'me', host: 'host', socketPath: "/run/user/1000/it's.sock" },
    });
    if (!parsed.ok) return;
    expect(dialStdioCommand(parsed.address)).toBe(
      `docker --host 'unix:///run/user/1000/it'\\''s.sock' system dial-stdio`,
    );
    expect(dialStdioCommand({ host: 'h' })).toBe('docker system dial-stdio');
  });

  it.each([
    ['ssh://me:secret@host', 'a password in the address is not supported'],
    ['ssh://host?x=1', 'takes no ? or # part'],
    ['ssh://', 'names no host'],
    ['ssh://host:99999', 'not a valid address'],
    ['tcp://host', 'not an ssh:// address'],
  ])('refuses %s, saying why', (url, why) => {
    const parsed = parseSshUrl(url);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(why);
  });
});
