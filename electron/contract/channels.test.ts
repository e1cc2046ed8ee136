import { describe, expect, it } from 'vitest';
import { callArgs } from './channels.ts';

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
