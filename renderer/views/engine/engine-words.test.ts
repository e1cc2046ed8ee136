import { describe, expect, it } from 'vitest';
import type { EngineCandidate } from '../../../electron/contract/engine-types.ts';
import { linkWord } from './engine-words.ts';

const remote = (extra: Partial<EngineCandidate> = {}): EngineCandidate => ({
  id: 'ssh://me@box',
  label: 'Box',
  source: 'remote',
  endpoint: 'ssh://me@box',
  state: 'reachable',
  ...extra,
});

describe("an engine's link, in words", () => {
  it('says connected with the round trip, disconnected while the stream is down, else the probe', () => {
    expect(linkWord(remote({ connected: true, eventsConnected: true, latencyMs: 12 }))).toBe(
      'connected, 12 ms',
    );
    expect(linkWord(remote({ connected: true, eventsConnected: true }))).toBe('connected');
    expect(linkWord(remote({ connected: true, eventsConnected: false, latencyMs: 12 }))).toBe(
      'disconnected',
    );
    expect(linkWord(remote({ connected: false, state: 'unreachable' }))).toBe('unreachable');
  });
});
