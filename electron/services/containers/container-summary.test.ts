import type { ContainerInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { healthFromStatus, toContainerSummary } from './container-summary.ts';

describe('healthFromStatus', () => {
  it("reads the health the engine appends to a running container's status", () => {
    expect(healthFromStatus('Up 5 seconds (healthy)')).toBe('healthy');
    expect(healthFromStatus('Up 3 seconds (health: starting)')).toBe('starting');
    expect(healthFromStatus('Up 2 minutes (unhealthy)')).toBe('unhealthy');
    expect(healthFromStatus('Up About a minute (Paused)')).toBeUndefined();
  });

  it('has none for a container without a check, or a stopped one', () => {
    expect(healthFromStatus('Up 5 seconds')).toBeUndefined();
    expect(healthFromStatus('Exited (1) 2 minutes ago')).toBeUndefined();
    expect(healthFromStatus('Created')).toBeUndefined();
  });
});

describe('toContainerSummary', () => {
  const info = (Status: string) =>
    ({ Id: 'a'.repeat(64), Names: ['/web'], State: 'running', Status }) as ContainerInfo;

  it('carries the health only when there is one', () => {
    expect(toContainerSummary(info('Up 1 second (health: starting)'), 0).health).toBe('starting');
    expect('health' in toContainerSummary(info('Up 1 second'), 0)).toBe(false);
  });
});
