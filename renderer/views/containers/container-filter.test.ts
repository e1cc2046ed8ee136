import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { matchesFilter } from './container-filter.ts';

const c = (over: Partial<ContainerSummary>) =>
  ({
    id: 'abc123',
    name: 'web',
    image: 'nginx',
    state: 'running',
    labels: {},
    ...over,
  }) as ContainerSummary;

describe('matchesFilter', () => {
  it('matches name, image, id prefix and labels', () => {
    expect(matchesFilter(c({}), 'WE')).toBe(true);
    expect(matchesFilter(c({}), 'ngi')).toBe(true);
    expect(matchesFilter(c({}), 'abc')).toBe(true);
    expect(matchesFilter(c({}), '123')).toBe(false);
    expect(matchesFilter(c({ labels: { tier: 'front' } }), 'tier=front')).toBe(true);
  });
});
