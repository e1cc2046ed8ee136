import { describe, expect, it } from 'vitest';
import { volumeActionCallArgs, volumeCreateArgs } from './volume-actions-channels.ts';

describe('volumes.create', () => {
  it('writes the docker volume create line of a spec, the local driver left implicit', () => {
    expect(
      volumeCreateArgs({
        name: 'db',
        driver: 'local',
        options: { type: 'tmpfs', o: 'size=1m' },
        labels: { tier: 'db' },
      }),
    ).toEqual([
      'volume',
      'create',
      '--opt',
      'type=tmpfs',
      '--opt',
      'o=size=1m',
      '--label',
      'tier=db',
      'db',
    ]);
    expect(volumeCreateArgs({ driver: 'vieux/sshfs', options: {}, labels: {} })).toEqual([
      'volume',
      'create',
      '--driver',
      'vieux/sshfs',
    ]);
  });

  it('refuses names, drivers and option keys the engine would not take', () => {
    const schema = volumeActionCallArgs['volumes.create'];
    const spec = (more: object) => [{ driver: 'local', options: {}, labels: {}, ...more }];
    expect(schema.safeParse(spec({ name: 'todo_db.1' })).success).toBe(true);
    for (const bad of [{ name: 'a' }, { name: '-x' }, { name: '../up' }, { name: 'a b' }]) {
      expect(schema.safeParse(spec(bad)).success).toBe(false);
    }
    expect(schema.safeParse(spec({ driver: '--rm' })).success).toBe(false);
    expect(schema.safeParse(spec({ options: { 'a=b': 'c' } })).success).toBe(false);
    expect(schema.safeParse(spec({ extra: 1 })).success).toBe(false);
  });
});
