import { describe, expect, it } from 'vitest';
import { COMPOSE_INSTALL_HINT } from '../../../electron/contract/compose-channels.ts';
import { cliBlocker } from './use-compose-cli.ts';

describe('the Compose actions without a CLI', () => {
  it('are off with the way to get one, and on once one is found', () => {
    expect(cliBlocker({ phase: 'known', info: { found: null, hint: COMPOSE_INSTALL_HINT } })).toBe(
      COMPOSE_INSTALL_HINT,
    );
    expect(COMPOSE_INSTALL_HINT).toMatch(/Docker Desktop includes "docker compose"/);
    expect(COMPOSE_INSTALL_HINT).toMatch(/apt install docker-compose/);
    expect(
      cliBlocker({
        phase: 'known',
        info: { found: { kind: 'standalone', version: '1.29.2' }, hint: '' },
      }),
    ).toBeNull();
    expect(cliBlocker({ phase: 'looking' })).toMatch(/Looking/);
  });
});
