// Chooses the engine in use and holds the one connection to it. Engines are
// found, not configured: an explicit choice (--engine, or the user's pick on the
// Engine page, remembered) wins; otherwise the first reachable candidate; and
// where none answers, the managed engine is started.
import type { ContainersSnapshot } from '../contract/container-types.ts';
import type {
  EngineCandidate,
  EngineHistoryEntry,
  EngineInfo,
  EngineState,
  EngineStatus,
} from '../contract/engine-types.ts';
import { ContractError } from '../contract/errors.ts';
import { EngineConnection } from './engine-connection.ts';
import type { EventHub } from './event-hub.ts';
import type { ManagedEngine, ManagedStatus } from './managed-engine-port.ts';
import type { SettingsFile } from './settings.ts';

export const MANAGED_ID = 'managed';
const HISTORY_LIMIT = 50;

export interface EngineManagerOptions {
  /** `auto`, `managed`, or an endpoint URL. */
  mode: string;
  discover(): Promise<EngineCandidate[]>;
  /** Null where no managed engine can run here (no dockerd, or not supported on this OS yet). */
  managed: ManagedEngine | null;
  /** Plain words for "nothing found", naming what to install on this OS. */
  noEngineAdvice: string;
  settings: SettingsFile;
  events: EventHub;
}

export class EngineManager {
  readonly #opts: EngineManagerOptions;
  #candidates: EngineCandidate[] = [];
  #current: EngineCandidate | null = null;
  #connection: EngineConnection | null = null;
  #info: EngineInfo | undefined;
  /** Container deltas are numbered here, across connections, so a client's seq never goes back. */
  #seq = 0;
  /** For engines we found: our own state and history (the supervisor keeps the managed one's). */
  #found: { state: EngineState; error?: EngineStatus['error']; history: EngineHistoryEntry[] } = {
    state: 'stopped',
    history: [],
  };

  constructor(opts: EngineManagerOptions) {
    this.#opts = opts;
    opts.managed?.onStatus((s) => this.#onManagedStatus(s));
  }

  async init(): Promise<void> {
    await this.rediscover();
    const mode = this.#opts.mode;
    if (mode === MANAGED_ID) return this.#use(this.#managedCandidate() ?? this.#noManagedEngine());
    if (mode !== 'auto') return this.#use(this.#explicitCandidate(mode));

    const remembered = (await this.#opts.settings.read()).engineId;
    const chosen = this.#candidates.find((c) => c.id === remembered);
    if (chosen && (chosen.id === MANAGED_ID || chosen.state === 'reachable'))
      return this.#use(chosen);
    if (chosen)
      this.#note(
        'stopped',
        `The engine you chose (${chosen.label}) is not answering: ${chosen.detail ?? chosen.state}.`,
      );

    const reachable = this.#candidates.find((c) => c.state === 'reachable' && c.id !== MANAGED_ID);
    const managed = this.#managedCandidate();
    if (reachable) return this.#use(reachable);
    if (managed) return this.#use(managed);
    this.#found = {
      state: 'error',
      error: {
        message: 'No container engine was found on this machine.',
        hint: this.#opts.noEngineAdvice,
      },
      history: [...this.#found.history],
    };
    this.#note('error', 'No engine answered, and there is no engine Berth can start here.');
  }

  async rediscover(): Promise<EngineCandidate[]> {
    const found = (await this.#opts.discover()).filter((c) => c.id !== MANAGED_ID);
    const managed = this.#managedCandidate();
    const explicit = this.#candidates.filter(
      (c) => c.source === 'explicit' && !found.some((f) => f.id === c.id),
    );
    this.#candidates = [...explicit, ...found, ...(managed ? [managed] : [])];
    this.#opts.events.emit('engine.candidates', this.#candidates);
    if (!this.#current && this.#found.state === 'error' && this.#opts.mode === 'auto') {
      const reachable = this.#candidates.find((c) => c.state === 'reachable');
      if (reachable) await this.#use(reachable);
    }
    return this.#candidates;
  }

  candidates(): EngineCandidate[] {
    return this.#candidates;
  }

  /** The user picked an engine on the Engine page; remembered for the next start. */
  async use(id: string): Promise<void> {
    const candidate = this.#candidates.find((c) => c.id === id);
    if (!candidate)
      throw new ContractError({ kind: 'not-found', message: `No engine "${id}" was found.` });
    await this.#opts.settings.write({ engineId: id });
    await this.#use(candidate);
  }

  async start(): Promise<void> {
    const managed = this.#requireManaged('start');
    if (this.#current?.id !== MANAGED_ID) return this.use(MANAGED_ID);
    await managed.start();
  }

  async stop(): Promise<void> {
    await this.#requireManaged('stop').stop();
  }

  async restart(): Promise<void> {
    await this.#requireManaged('restart').restart();
  }

  snapshot(): ContainersSnapshot {
    return (
      this.#connection?.mirror.snapshot() ?? {
        engineId: this.#current?.id ?? '',
        seq: this.#seq,
        items: [],
      }
    );
  }

  /** The connection to the engine in use, for services that act on it. */
  connection(): EngineConnection {
    if (!this.#connection) {
      throw new ContractError({
        kind: 'unreachable',
        message: 'No engine is connected.',
        hint: 'Open the Engine page.',
      });
    }
    return this.#connection;
  }

  status(): EngineStatus {
    const managedInUse = this.#current?.id === MANAGED_ID && this.#opts.managed !== null;
    const base: ManagedStatus = managedInUse
      ? this.#opts.managed!.status()
      : { ...this.#found, lastLogLines: [] };
    return {
      engineId: this.#current?.id ?? null,
      managed: managedInUse,
      state: base.state,
      eventsConnected: this.#connection?.eventsConnected ?? false,
      ...(base.step ? { step: base.step } : {}),
      ...(base.error ? { error: base.error } : {}),
      history: base.history,
      lastLogLines: base.lastLogLines,
      ...(this.#info ? { info: this.#info } : {}),
      ...(managedInUse ? { cliHint: this.#opts.managed!.cliHint } : {}),
    };
  }

  async dispose(): Promise<void> {
    this.#disconnect();
    await this.#opts.managed?.dispose();
  }

  async #use(candidate: EngineCandidate): Promise<void> {
    const leavingManaged = this.#current?.id === MANAGED_ID && candidate.id !== MANAGED_ID;
    this.#disconnect();
    this.#current = candidate;
    this.#info = undefined;
    if (leavingManaged) {
      // In the background: the new engine is usable at once, and a slow or failed
      // stop shows in the managed engine's own history.
      this.#opts.managed?.stop().catch((err: unknown) => {
        console.warn('[engine] stopping the managed engine failed:', (err as Error).message);
      });
    }
    if (candidate.id === MANAGED_ID) {
      this.#emitStatus();
      // Not awaited: the window opens at once and shows each start step; a failure
      // lands in the supervisor's status, which the Engine page shows with Retry.
      this.#opts.managed!.start().catch((err: unknown) => {
        console.warn('[engine] the managed engine did not start:', (err as Error).message);
      });
      return;
    }
    this.#found = { state: 'starting', history: this.#found.history };
    this.#note('starting', `Connecting to ${candidate.label} at ${candidate.endpoint}`);
    const connection = this.#connect(candidate);
    try {
      const info = await connection.info();
      if (this.#connection !== connection) return; // the user switched again meanwhile
      this.#info = info;
      this.#found = { state: 'running', history: this.#found.history };
      this.#note('running', `Connected to ${candidate.label}, Docker ${info.version}`);
    } catch (err) {
      if (this.#connection !== connection) return;
      const message = `Couldn't reach ${candidate.label}: ${(err as Error).message}`;
      this.#found = {
        state: 'error',
        error: { message, ...(candidate.hint ? { hint: candidate.hint } : {}) },
        history: this.#found.history,
      };
      this.#note('error', message);
    }
  }

  #connect(candidate: EngineCandidate): EngineConnection {
    const connection = new EngineConnection({
      engineId: candidate.id,
      endpoint: candidate.endpoint,
      nextSeq: () => ++this.#seq,
      onDelta: (delta) => this.#opts.events.emit('containers.delta', delta),
      onImagesChanged: () => this.#opts.events.emit('images.changed', { engineId: candidate.id }),
      onEventsConnected: (connected, reason) => {
        if (this.#connection !== connection) return;
        if (candidate.id !== MANAGED_ID) {
          this.#note(
            this.#found.state,
            connected ? 'Event stream connected' : `Event stream down: ${reason ?? ''}`,
          );
        }
        if (connected && !this.#info) void this.#refreshInfo(connection);
        this.#emitStatus();
      },
      onError: (message) => console.warn(`[engine ${candidate.id}] ${message}`),
    });
    this.#connection = connection;
    connection.start();
    return connection;
  }

  async #refreshInfo(connection: EngineConnection): Promise<void> {
    try {
      const info = await connection.info();
      if (this.#connection === connection) {
        this.#info = info;
        this.#emitStatus();
      }
    } catch (err) {
      console.warn('[engine] could not read engine info:', (err as Error).message);
    }
  }

  #disconnect(): void {
    const connection = this.#connection;
    this.#connection = null;
    connection?.dispose();
  }

  #onManagedStatus(status: ManagedStatus): void {
    const candidate = this.#managedCandidate();
    const listed = this.#candidates.findIndex((c) => c.id === MANAGED_ID);
    if (candidate && listed >= 0 && this.#candidates[listed]!.detail !== candidate.detail) {
      this.#candidates = this.#candidates.with(listed, candidate);
      this.#opts.events.emit('engine.candidates', this.#candidates);
    }
    if (this.#current?.id !== MANAGED_ID) return;
    if (candidate) this.#current = candidate;
    if (status.state === 'running' && !this.#connection) this.#connect(this.#current);
    if (status.state === 'stopped' && this.#connection) {
      this.#disconnect();
      this.#info = undefined;
    }
    this.#emitStatus();
  }

  /** The managed engine as a candidate, from the supervisor's status now. */
  #managedCandidate(): EngineCandidate | null {
    const managed = this.#opts.managed;
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
      label: 'Managed engine (started by Berth)',
      source: 'managed',
      endpoint: managed.endpoint,
      state: candidateState,
      detail,
    };
  }

  #explicitCandidate(endpoint: string): EngineCandidate {
    const existing = this.#candidates.find((c) => c.endpoint === endpoint);
    if (existing) return existing;
    const candidate: EngineCandidate = {
      id: endpoint,
      label: 'Chosen with --engine',
      source: 'explicit',
      endpoint,
      state: 'unknown',
    };
    this.#candidates = [candidate, ...this.#candidates];
    this.#opts.events.emit('engine.candidates', this.#candidates);
    return candidate;
  }

  #noManagedEngine(): never {
    throw new ContractError({
      kind: 'not-found',
      message: 'Berth cannot start a managed engine on this machine.',
      hint: this.#opts.noEngineAdvice,
    });
  }

  #requireManaged(action: string): ManagedEngine {
    if (!this.#opts.managed) this.#noManagedEngine();
    if (this.#current && this.#current.id !== MANAGED_ID && action !== 'start') {
      throw new ContractError({
        kind: 'bad-request',
        message: `The engine in use (${this.#current.label}) is not managed by Berth, so Berth cannot ${action} it.`,
        hint: 'Use the tool that runs it, or switch to the managed engine.',
      });
    }
    return this.#opts.managed;
  }

  #note(state: EngineState, message: string): void {
    this.#found.history = [...this.#found.history, { at: Date.now(), state, message }].slice(
      -HISTORY_LIMIT,
    );
    this.#emitStatus();
  }

  #emitStatus(): void {
    this.#opts.events.emit('engine.status', this.status());
  }
}
