import { describe, expect, it } from 'vitest';
import { parseRoute } from './use-hash-route.ts';

describe('parseRoute', () => {
  it('reads sections and a container id, defaulting to containers', () => {
    expect(parseRoute('#/engine')).toEqual({ section: 'engine' });
    expect(parseRoute('#/registries')).toEqual({ section: 'registries' });
    expect(parseRoute('#/containers/abc123')).toEqual({ section: 'containers', id: 'abc123' });
    expect(parseRoute('')).toEqual({ section: 'containers' });
    expect(parseRoute('#/nonsense')).toEqual({ section: 'containers' });
  });

  it('reads the tab a container page opens on', () => {
    expect(parseRoute('#/containers/web/logs')).toEqual({
      section: 'containers',
      id: 'web',
      tab: 'logs',
    });
  });
});
