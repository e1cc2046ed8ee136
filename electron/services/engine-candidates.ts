// The engines the Engine page lists: what discovery found, the one named with
// --engine, and the managed engine, merged into one list in that order.
import type { EngineCandidate } from '../contract/engine-types.ts';
import type { ManagedEngine } from './managed-engine-port.ts';

export const MANAGED_ID = 'managed';

/**
 * A fresh look merged with the last list: an engine named with --engine stays
 * listed (first) even when discovery does not find it; the managed engine is
 * always last, described from the supervisor's status now.
 */
export function mergeCandidates(
  previous: EngineCandidate[],
  found: EngineCandidate[],
  managed: EngineCandidate | null,
): EngineCandidate[] {
  const discovered = found.filter((c) => c.id !== MANAGED_ID);
  const explicit = previous.filter(
    (c) => c.source === 'explicit' && !discovered.some((f) => f.id === c.id),
  );
  return [...explicit, ...discovered, ...(managed ? [managed] : [])];
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
