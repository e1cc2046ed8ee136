import { describe, expect, it } from 'vitest';
import { defaultPushRef, namesRegistry } from './push-choice.ts';

describe('the name a push sends first', () => {
  it('is the first that names a registry, else the first', () => {
    expect(defaultPushRef(['app:1', 'localhost:5000/app:1', 'reg.example/app:2'])).toBe(
      'localhost:5000/app:1',
    );
    expect(defaultPushRef(['team/app:1', 'app:2'])).toBe('team/app:1');
    expect(defaultPushRef([])).toBeUndefined();
  });

  it('reads the first part as a host as the CLI does', () => {
    expect(namesRegistry('localhost/app:1')).toBe(true);
    expect(namesRegistry('reg.example:443/a/b:1')).toBe(true);
    expect(namesRegistry('team/app:1')).toBe(false);
    expect(namesRegistry('app:1')).toBe(false);
  });
});
