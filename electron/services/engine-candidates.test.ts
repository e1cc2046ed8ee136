import { describe, expect, it } from 'vitest';
import type { EngineCandidate } from '../contract/engine-types.ts';
import { MANAGED_ID, mergeCandidates, withLink } from './engine-candidates.ts';

const candidate = (id: string, source: EngineCandidate['source']): EngineCandidate => ({
  id,
  label: id,
  source,
  endpoint: id,
  state: 'reachable',
});

describe('merging candidates', () => {
  it('lists --engine, found, added, then managed', () => {
    const explicit = candidate('tcp://x:2375', 'explicit');
    const found = candidate('unix:///var/run/docker.sock', 'well-known-socket');
    const added = candidate('ssh://me@box', 'remote');
    const managed = candidate(MANAGED_ID, 'managed');
    expect(mergeCandidates([explicit], [found], [added], managed).map((c) => c.source)).toEqual([
      'explicit',
      'well-known-socket',
      'remote',
      'managed',
    ]);
  });

  it('lists an added engine that discovery also found once, as found', () => {
    const context = candidate('ssh://me@box', 'docker-context');
    const added = candidate('ssh://me@box', 'remote');
    expect(mergeCandidates([], [context], [added], null)).toEqual([context]);
  });

  it('drops an added engine once it is no longer added', () => {
    const added = candidate('ssh://me@box', 'remote');
    expect(mergeCandidates([added], [], [], null)).toEqual([]);
  });
});

describe('a candidate with its link', () => {
  const c = { ...candidate('ssh://me@box', 'remote'), latencyMs: 9, eventsConnected: true };

  it('is not connected, and has no latency, without a connection', () => {
    expect(withLink(c, undefined)).toEqual({
      ...candidate('ssh://me@box', 'remote'),
      connected: false,
    });
  });

  it("carries the connection's event stream state and latency", () => {
    expect(withLink(c, { eventsConnected: false, latencyMs: undefined })).toMatchObject({
      connected: true,
      eventsConnected: false,
    });
    expect(withLink(c, { eventsConnected: false, latencyMs: undefined })).not.toHaveProperty(
      'latencyMs',
    );
    expect(withLink(c, { eventsConnected: true, latencyMs: 42 })).toMatchObject({ latencyMs: 42 });
  });
});
