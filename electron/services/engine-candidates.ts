// The engines the Engine page lists: the one named with --engine, what
// discovery found, the engines the user added, and the managed engine, merged
// into one list in that order.
import type { EngineCandidate } from '../contract/engine-types.ts';
import type { ManagedEngine } from './managed-engine-port.ts';

export const MANAGED_ID = 'managed';

/**
 * A fresh look merged with the last list: an engine named with --engine stays
 * listed (first) even when discovery does not find it; the engines the user
 * added come after the found ones, except one discovery also found (a context
 * with the same address: listed once, as found); the managed engine is always
 * last, described from the supervisor's status now.
 */
export function mergeCandidates(
  previous: EngineCandidate[],
  found: EngineCandidate[],
  remote: EngineCandidate[],
  managed: EngineCandidate | null,
): EngineCandidate[] {
  const discovered = found.filter((c) => c.id !== MANAGED_ID && c.source !== 'remote');
  const added = remote.filter((r) => !discovered.some((f) => f.id === r.id));
  const listed = [...discovered, ...added];
  const explicit = previous.filter(
    (c) => c.source === 'explicit' && !listed.some((f) => f.id === c.id),
  );
  return [...explicit, ...listed, ...(managed ? [managed] : [])];
}

/** A candidate with what its live connection knows: connected, its event stream, its latency. */
export function withLink(
  candidate: EngineCandidate,
  connection: { eventsConnected: boolean; latencyMs?: number | undefined } | undefined,
): EngineCandidate {
  const { latencyMs: _stale, eventsConnected: _old, ...rest } = candidate;
  if (!connection) return { ...rest, connected: false };
  return {
    ...rest,
    connected: true,
    eventsConnected: connection.eventsConnected,
    ...(connection.latencyMs !== undefined ? { latencyMs: connection.latencyMs } : {}),
  };
}

/** The managed engine as a candidate, from the supervisor's status now. */
export function managedCandidate(managed: ManagedEngine | null): EngineCandidate | null {
  if (!managed) return null;
  const { state, error } = managed.status();
  const [candidateState, detail]: [EngineCandidate['state'], string] =
    state === 'running'
      ? ['reachable', 'Running']
      : state === 'error'
        ? ['unreachable', `Failed to start: ${error?.message ?? 'see the engine log'}`]
        : [
            'unknown',
            state === 'stopped'
              ? 'Stopped: Berth starts it when you use it.'
              : `${state[0]!.toUpperCase()}${state.slice(1)}…`,
          ];
  return {
    id: MANAGED_ID,
    // No "engine" in a name: the sidebar links to the Engine page by it, beside the nav's "Engine".
    label: "Berth's own Docker",
    source: 'managed',
    endpoint: managed.endpoint.url,
    state: candidateState,
    detail,
  };
}

/** The engine named with `--engine URL`, for when discovery did not find it. */
export function explicitCandidate(endpoint: string): EngineCandidate {
  return {
    id: endpoint,
    label: `Docker at ${endpoint}`,
    source: 'explicit',
    endpoint,
    state: 'unknown',
  };
}
