// What the UI knows about engines: candidates found by discovery, and the
// supervisor's status for a managed one. Plain data, shared by both sides.
import type { VmStatus } from './vm-channels.ts';

/** The supervisor's states use the UI's words, so nothing translates them. */
export type EngineState = 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

/** What the indicator shows: the supervisor's state, or `disconnected` when the event stream is down. */
export type EngineIndicatorState = EngineState | 'disconnected';

/** How a candidate was found, in discovery order. */
export type EngineSource =
  'docker-host' | 'docker-context' | 'well-known-socket' | 'managed' | 'explicit' | 'remote';

type CandidateState = 'reachable' | 'unreachable' | 'permission-denied' | 'timeout' | 'unknown';

export interface EngineCandidate {
  /**
   * Stable id: `managed`; `context:NAME` for a Docker context; otherwise the endpoint URL
   * (`unix:///var/run/docker.sock`, `tcp://h:2376`, `ssh://me@host` for an engine the user added).
   */
  id: string;
  /** Named by product: "Docker Desktop", "Docker on this Linux machine", "Colima (docker context colima)", "Berth's own Docker". */
  label: string;
  source: EngineSource;
  /** Endpoint the app talks to: `unix:///path`, `npipe:////./pipe/docker_engine` or `tcp://host:port`. */
  endpoint: string;
  state: CandidateState;
  /** Why it is not reachable, in plain words, with the fix where there is one. */
  detail?: string;
  hint?: string;
  /** Only from a successful ping. */
  apiVersion?: string;
  /** Berth holds a live connection to it: its list stays current, so showing it is instant. */
  connected?: boolean;
  /**
   * The Docker context the user's own CLI reaches it by (`docker --context NAME`),
   * where one exists: a context discovery found, or one Berth wrote for a TLS
   * engine the user added. Commands the UI shows use it instead of `-H`.
   */
  cliContext?: string;
  /** The last round trip to it (a `/_ping`), in ms, while connected. */
  latencyMs?: number;
  /** While connected: whether its event stream is up (false while the link is down and Berth reconnects). */
  eventsConnected?: boolean;
}

export interface EngineInfo {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
  cpus: number;
  memoryBytes: number;
  name: string;
  containers: number;
  images: number;
}

/** One entry of the supervisor's short history: state changes and progress steps. */
export interface EngineHistoryEntry {
  /** Milliseconds since the epoch. */
  at: number;
  state: EngineState;
  step?: string;
  message: string;
}

/**
 * The engine shown (one at a time, as `docker context use`): `engine.status`
 * is only ever about it, so its `engineId` tells the renderer which engine
 * every call and new stream goes to, and which engine's deltas to apply.
 */
export interface EngineStatus {
  /** The candidate shown, or null when none is chosen yet. */
  engineId: string | null;
  managed: boolean;
  state: EngineState;
  /** The event stream of the engine shown; false while it reconnects. */
  eventsConnected: boolean;
  /** The step running now (`spawn dockerd`, `wait for /_ping`), while starting or stopping. */
  step?: string;
  error?: { message: string; step?: string; hint?: string };
  history: EngineHistoryEntry[];
  /** Last lines of the managed engine's log. */
  lastLogLines: string[];
  info?: EngineInfo;
  /** For a managed engine: how the user's own CLI reaches it. */
  cliHint?: { context: string; dockerHost: string };
  /** For the managed engine when it runs in Berth's Linux VM. */
  vm?: VmStatus;
}
