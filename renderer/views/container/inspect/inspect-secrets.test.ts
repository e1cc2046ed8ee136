import { describe, expect, it } from 'vitest';
import { isSecretName, maskInspect, MASK, secretNames } from './inspect-secrets.ts';

const info = {
  Id: 'abc',
  Config: {
    Env: ['PATH=/bin', 'SECRET_TOKEN=hunter2', 'db_password=pw=with=equals', 'apiKey=k', 'MODE=x'],
    Image: 'busybox',
  },
  HostConfig: { Binds: null },
};

describe('isSecretName', () => {
  it('matches PASSWORD, SECRET, TOKEN and KEY anywhere in the name, in any case', () => {
    for (const name of ['PASSWORD', 'DB_PASSWORD', 'secret', 'GITHUB_TOKEN', 'apiKey', 'KEYRING']) {
      expect(isSecretName(name)).toBe(true);
    }
    for (const name of ['PATH', 'HOME', 'MODE', 'PASS', 'TOKE']) {
      expect(isSecretName(name)).toBe(false);
    }
  });
});

describe('maskInspect', () => {
  it('masks secret-looking values, keeps names and everything else as the engine said', () => {
    const masked = maskInspect(info, new Set());
    expect((masked['Config'] as { Env: string[] }).Env).toEqual([
      'PATH=/bin',
      `SECRET_TOKEN=${MASK}`,
      `db_password=${MASK}`,
      `apiKey=${MASK}`,
      'MODE=x',
    ]);
    expect((masked['Config'] as { Image: string }).Image).toBe('busybox');
    expect(masked['HostConfig']).toBe(info.HostConfig);
    expect(JSON.stringify(masked)).not.toContain('hunter2');
    expect(info.Config.Env[1]).toBe('SECRET_TOKEN=hunter2'); // the original is untouched
  });

  it('shows a revealed value whole, including = in it', () => {
    const masked = maskInspect(info, new Set(['db_password']));
    const env = (masked['Config'] as { Env: string[] }).Env;
    expect(env).toContain('db_password=pw=with=equals');
    expect(env).toContain(`SECRET_TOKEN=${MASK}`);
  });

  it('leaves an inspect without Config.Env as it is', () => {
    const bare = { Id: 'x', Config: { Env: null } };
    expect(maskInspect(bare, new Set())).toBe(bare);
  });
});

describe('secretNames', () => {
  it('lists the names that get a Reveal button', () => {
    expect(secretNames(info)).toEqual(['SECRET_TOKEN', 'db_password', 'apiKey']);
    expect(secretNames({})).toEqual([]);
  });
});
