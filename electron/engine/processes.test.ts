import { describe, expect, it } from 'vitest';
import { argValue, isDockerdFor, isLive, parseStat, readProcess } from './processes.ts';

describe('parseStat', () => {
  it('reads state and parent after a command name holding spaces and parentheses', () => {
    expect(parseStat('4242 (my (odd) cmd) Z 1 4242 4242 0 -1')).toEqual({ state: 'Z', ppid: 1 });
  });

  it('returns null for garbage', () => {
    expect(parseStat('nonsense')).toBeNull();
  });
});

describe('isLive', () => {
  it('treats a zombie as dead, since dockerd’s pidfile check would not', () => {
    expect(isLive({ pid: 1, ppid: 0, state: 'Z', argv: [] })).toBe(false);
    expect(isLive({ pid: 1, ppid: 0, state: 'S', argv: [] })).toBe(true);
    expect(isLive(null)).toBe(false);
  });
});

describe('argValue and isDockerdFor', () => {
  it('reads --flag=value and --flag value', () => {
    expect(argValue(['dockerd', '--data-root=/a'], '--data-root')).toBe('/a');
    expect(argValue(['dockerd', '--data-root', '/b'], '--data-root')).toBe('/b');
    expect(argValue(['dockerd'], '--data-root')).toBeUndefined();
  });

  it('matches only a dockerd serving that exact data-root', () => {
    const proc = (argv: string[]) => ({ pid: 2, ppid: 1, state: 'S', argv });
    expect(isDockerdFor(proc(['/usr/sbin/dockerd', '--data-root=/d']), '/d')).toBe(true);
    expect(isDockerdFor(proc(['/usr/sbin/dockerd', '--data-root=/d2']), '/d')).toBe(false);
    expect(isDockerdFor(proc(['/usr/bin/vim', '--data-root=/d']), '/d')).toBe(false);
  });
});

describe('readProcess', () => {
  it('reads this very process and returns null for a pid that does not exist', async () => {
    const me = await readProcess(process.pid);
    expect(me?.argv[0]).toContain('node');
    expect(await readProcess(2 ** 22 + 12345)).toBeNull();
  });
});
