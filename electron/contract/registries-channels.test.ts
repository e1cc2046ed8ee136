import { describe, expect, it } from 'vitest';
import { registryCallArgs } from './registries-channels.ts';

const ok = (channel: keyof typeof registryCallArgs, args: unknown[]) =>
  registryCallArgs[channel].safeParse(args).success;

describe('registries channel arguments', () => {
  it('take registries as hosts with an optional port, nothing else', () => {
    expect(ok('registries.logout', ['localhost:5000'])).toBe(true);
    expect(ok('registries.logout', ['docker.io'])).toBe(true);
    expect(ok('registries.logout', ['https://evil.example/x'])).toBe(false);
    expect(ok('registries.logout', ['host/../../x'])).toBe(false);
    expect(ok('registries.list', [['localhost:5000', 'a b']])).toBe(false);
  });

  it('take repository paths by the registry grammar, so no path or query can be smuggled', () => {
    const tags = (repository: string) =>
      ok('registries.tags', [{ registry: 'localhost:5000', repository }]);
    expect(tags('team/app')).toBe(true);
    expect(tags('../_catalog')).toBe(false);
    expect(tags('a?n=1')).toBe(false);
    expect(tags('Team/App')).toBe(false);
  });

  it('refuse a login without username or password, or a username with a colon', () => {
    const login = (username: string, password: string) =>
      ok('registries.login', [{ registry: 'localhost:5000', username, password }]);
    expect(login('alice', 'pw')).toBe(true);
    expect(login('', 'pw')).toBe(false);
    expect(login('alice', '')).toBe(false);
    expect(login('al:ice', 'pw')).toBe(false);
  });
});
