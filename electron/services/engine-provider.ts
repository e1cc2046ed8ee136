// Everything that can give the app an engine sits behind one interface: the
// engines found on the machine (DOCKER_HOST, contexts, well-known sockets),
// and the embedded default the app runs itself (a private dockerd on Linux, a
// Linux VM on macOS and Windows; see embedded-engine.ts). Remote engines
// (ssh://, TLS) are one more provider. The engine manager only chooses among
// their candidates and switches; how an engine is reached is the provider's.
import type { EngineCandidate } from '../contract/engine-types.ts';
import type { FoundEngine } from '../engine/discovery.ts';
import type { EngineEndpoint } from '../engine/endpoint.ts';
import { managedCandidate, MANAGED_ID } from './engine-candidates.ts';
import type { ManagedEngine, ManagedStatus } from './managed-engine-port.ts';

export interface EngineProvider {
  /** The engines it offers now, each probed. */
  candidates(): Promise<EngineCandidate[]>;
  /** How the app reaches one of its candidates (the URL, and TLS material where it has some). */
  connect(candidate: EngineCandidate): EngineEndpoint;
  /** The provider's own view of its engine's state, where it runs one. */
  status?(): ManagedStatus;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  restart?(): Promise<void>;
}

/**
 * Engines found on the machine: reached at the URL discovery found them at,
 * with the TLS client certificates it found for them (DOCKER_CERT_PATH, a
 * context's TLS folder). The folder stays here: the candidates the renderer
 * gets carry no `certPath`.
 */
export function foundEngines(discover: () => Promise<FoundEngine[]>): EngineProvider {
  const certPaths = new Map<string, string>();
  return {
    candidates: async () => {
      const found = await discover();
      // Per id, never cleared: a connection made before this look keeps its certificates.
      return found.map(({ certPath, ...candidate }) => {
        if (certPath !== undefined) certPaths.set(candidate.id, certPath);
        else certPaths.delete(candidate.id);
        return candidate;
      });
    },
    connect: (candidate) => {
      const certPath = certPaths.get(candidate.id);
      return certPath === undefined
        ? { url: candidate.endpoint }
        : { url: candidate.endpoint, certPath };
    },
  };
}

/**
 * Found engines without the Docker context Berth writes for its own engine
 * (`docker --context berth ps`): that engine is the managed candidate
 * already. The native engine's context goes by its socket; the VM's port
 * changes between runs, so its context goes by name.
 */
export function withoutOwnContext(
  found: FoundEngine[],
  own: { url?: string | undefined; context?: string | undefined },
): FoundEngine[] {
  return found.filter(
    (c) =>
      c.source !== 'docker-context' ||
      ((own.url === undefined || c.endpoint !== own.url) &&
        (own.context === undefined || c.cliContext !== own.context)),
  );
}

/** The engine the app runs itself, native or in a VM: one candidate, `managed`. */
export function embeddedEngineProvider(
  managed: ManagedEngine,
): EngineProvider & Required<Pick<EngineProvider, 'status' | 'start' | 'stop' | 'restart'>> {
  return {
    candidates: async () => {
      const candidate = managedCandidate(managed);
      return candidate ? [candidate] : [];
    },
    connect: (candidate) => {
      if (candidate.id !== MANAGED_ID) throw new Error(`${candidate.id} is not the managed engine`);
      return managed.endpoint;
    },
    status: () => managed.status(),
    start: () => managed.start(),
    stop: () => managed.stop(),
    restart: () => managed.restart(),
  };
}
