import { describe, expect, it } from 'vitest';
import { callArgs, streamArgs } from './channels.ts';

const ok = (ch: keyof typeof callArgs, args: unknown[]) => callArgs[ch].safeParse(args).success;

describe('call argument schemas', () => {
  it('take a container by id or name, with optional options', () => {
    expect(ok('containers.stop', ['web'])).toBe(true);
    expect(ok('containers.stop', ['0123456789ab', { timeoutSeconds: 5 }])).toBe(true);
    expect(ok('containers.remove', ['/web', { force: true, volumes: true }])).toBe(true);
    expect(ok('containers.kill', ['web', { signal: 'SIGHUP' }])).toBe(true);
  });

  it('refuse what the engine would refuse, before it is asked', () => {
    expect(ok('containers.stop', [''])).toBe(false);
    expect(ok('containers.stop', ['web', { timeoutSeconds: -1 }])).toBe(false);
    expect(ok('containers.stop', ['web', { timeout: 5 }])).toBe(false);
    expect(ok('containers.rename', ['web', 'a b'])).toBe(false);
    expect(ok('containers.rename', ['web', '<script>'])).toBe(false);
    expect(ok('containers.rename', ['web', 'x'])).toBe(false);
    expect(ok('containers.kill', ['web', { signal: 'KILL; rm -rf /' }])).toBe(false);
    expect(ok('containers.start', ['web', 'extra'])).toBe(false);
    expect(ok('engine.use', [42])).toBe(false);
  });
});

describe('stream argument schemas', () => {
  const stats = (query: unknown) => streamArgs['containers.stats'].safeParse([query]).success;
  const id = (n: number) => n.toString(16).padStart(64, '0');

  it('take up to 200 container ids, short or full', () => {
    expect(stats({ ids: [] })).toBe(true);
    expect(stats({ ids: ['0123456789ab', id(1)] })).toBe(true);
    expect(stats({ ids: Array.from({ length: 200 }, (_, i) => id(i)) })).toBe(true);
  });

  it('refuse more than 200 ids, names, and anything that is not an id', () => {
    expect(stats({ ids: Array.from({ length: 201 }, (_, i) => id(i)) })).toBe(false);
    expect(stats({ ids: ['web'] })).toBe(false);
    expect(stats({ ids: ['0123456789a'] })).toBe(false);
    expect(stats({ ids: ['../../containers/json'] })).toBe(false);
    expect(stats({ ids: [id(1) + '0'] })).toBe(false);
    expect(stats({ ids: 'x' })).toBe(false);
    expect(stats({ ids: [], extra: 1 })).toBe(false);
  });
});
