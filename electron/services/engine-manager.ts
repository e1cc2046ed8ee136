// Chooses the engine shown and tells the app about it. Engines are found, not
// configured: an explicit choice (--engine, or the user's pick on the Engine
// page, remembered) wins; otherwise the first reachable candidate; and where
// none answers, the managed engine is started. Which engines stay connected,
// and what a switch does, is the registry's (engine-registry.ts); the list of
// candidates is engine-candidates.ts's; a found engine's history is
// found-engine-status.ts's.
import { deltaChannel } from '../contract/mirror-channels.ts';
import type { MirroredResource, MirroredRows, ResourceSnapshot } from '../contract/mirror-types.ts';
import type { EngineCandidate, EngineState, EngineStatus } from '../contract/engine-types.ts';
import { ContractError } from '../contract/errors.ts';
import {
  explicitCandidate,
  managedCandidate,
  MANAGED_ID,
  mergeCandidates,
  withLink,
} from './engine-candidates.ts';
import { EngineConnection } from './engine-connection.ts';
import { EngineRegistry } from './engine-registry.ts';
import { embeddedEngineProvider, type EngineProvider } from './engine-provider.ts';
import type { EventHub } from './event-hub.ts';
import { FoundEngineStatus } from './found-engine-status.ts';
import { managedVm, noManagedEngine, requireManaged } from './managed-access.ts';
import type { ManagedEngine, ManagedStatus, ManagedVm } from './managed-engine-port.ts';
import type { SettingsFile } from './settings.ts';

export { MANAGED_ID } from './engine-candidates.ts';

export interface EngineManagerOptions {
  /** `auto`, `managed`, `vm` (the managed engine, in a VM), or an endpoint URL. */
  mode: string;
  /** The engines found on this machine. */
  found: EngineProvider;
  /** The engines the user added (remote-engines.ts); their candidates' source is `remote`. */
  remote?: EngineProvider & { listed(): EngineCandidate[] };
  /** Null where no managed engine can run here (no dockerd, or not supported on this OS yet). */
  managed: ManagedEngine | null;
  /** Plain words for "nothing found", naming what to install on this OS. */
  noEngineAdvice: string;
  settings: SettingsFile;
  events: EventHub;
}

export class EngineManager {
  readonly #opts: EngineManagerOptions;
  readonly #registry: EngineRegistry<EngineConnection>;
  readonly #found = new FoundEngineStatus();
  readonly #embedded: EngineProvider | null;
  #candidates: EngineCandidate[] = [];

  constructor(opts: EngineManagerOptions) {
    this.#opts = opts;
    this.#embedded = opts.managed ? embeddedEngineProvider(opts.managed) : null;
    this.#registry = new EngineRegistry({
      connect: (candidate, hooks) =>
        new EngineConnection({
          engineId: candidate.id,
          endpoint: this.#providerOf(candidate).connect(candidate),
          ...hooks,
          onLatency: () => this.#emitCandidates(),
          onError: (message) => console.warn(`[engine ${candidate.id}] ${message}`),
        }),
      // mirror-channels.ts checks that each `R.delta` carries R's delta.
      onDelta: (resource, delta) => opts.events.emit(deltaChannel(resource), delta as never),
      onEventsConnected: (id, connected, reason) => this.#onEventsConnected(id, connected, reason),
      onLiveChanged: () => this.#emitCandidates(),
    });
    opts.managed?.onStatus((s) => this.#onManagedStatus(s));
  }

  async init(): Promise<void> {
    await this.rediscover();
    const mode = this.#opts.mode;
    if (mode === MANAGED_ID || mode === 'vm')
      return this.#show(this.#managed() ?? this.#noManagedEngine());
    if (mode !== 'auto') return this.#show(this.#explicit(mode));

    const remembered = (await this.#opts.settings.read()).engineId;
    const chosen = this.#candidates.find((c) => c.id === remembered);
    if (chosen && (chosen.id === MANAGED_ID || chosen.state === 'reachable'))
      return this.#show(chosen);
    const fallback =
      this.#candidates.find((c) => c.state === 'reachable' && c.id !== MANAGED_ID) ??
      this.#managed();
    if (chosen) {
      // In the history of the engine shown instead, where the user will look.
      this.#note(
        fallback?.id ?? null,
        'stopped',
        `The engine you chose (${chosen.label}) is not answering: ${chosen.detail ?? chosen.state}.`,
      );
    }
    if (fallback) return this.#show(fallback);
    this.#found.set(null, 'error', {
      message: 'No container engine was found on this machine.',
      hint: this.#opts.noEngineAdvice,
    });
    this.#note(null, 'error', 'No engine answered, and there is no engine Berth can start here.');
  }

  async rediscover(): Promise<EngineCandidate[]> {
    const [found, remote] = await Promise.all([
      this.#opts.found.candidates(),
      this.#opts.remote?.candidates() ?? [],
    ]);
    this.#candidates = mergeCandidates(this.#candidates, found, remote, this.#managed());
    this.#emitCandidates();
    const nothingShown = this.#registry.shownId === null;
    if (nothingShown && this.#found.get(null).state === 'error' && this.#opts.mode === 'auto') {
      const reachable = this.#candidates.find((c) => c.state === 'reachable');
      if (reachable) await this.#show(reachable);
    }
    return this.candidates();
  }

  candidates(): EngineCandidate[] {
    return this.#candidates.map((c) => withLink(c, this.#registry.get(c.id)));
  }

  /** An engine was added or removed: list the others as they were, without probing them again. */
  remoteChanged(): void {
    const others = this.#candidates.filter((c) => c.source !== 'remote');
    const remote = this.#opts.remote?.listed() ?? [];
    this.#candidates = mergeCandidates(others, others, remote, this.#managed());
    this.#emitCandidates();
  }

  /** The user picked an engine on the Engine page; remembered for the next start. */
  async use(id: string): Promise<void> {
    const candidate = this.#candidates.find((c) => c.id === id);
    if (!candidate)
      throw new ContractError({ kind: 'not-found', message: `No engine "${id}" was found.` });
    await this.#opts.settings.write({ engineId: id });
    await this.#show(candidate);
  }

  /** Closes the connection to an engine that is not shown. */
  disconnect(id: string): void {
    const label = this.#candidates.find((c) => c.id === id)?.label ?? id;
    if (id === this.#registry.shownId) {
      throw new ContractError({
        kind: 'bad-request',
        message: `${label} is the engine shown, so Berth stays connected to it.`,
        hint: 'Show another engine first.',
      });
    }
    this.#registry.drop(id, { kind: 'cancelled', message: `Disconnected from ${label}.` });
  }

  async start(): Promise<void> {
    const managed = this.#requireManaged('start');
    if (this.#registry.shownId !== MANAGED_ID) return this.use(MANAGED_ID);
    await managed.start();
  }

  async stop(): Promise<void> {
    await this.#requireManaged('stop').stop();
  }

  async restart(): Promise<void> {
    await this.#requireManaged('restart').restart();
  }

  /** Berth's own engine only: everything it holds is deleted, then it starts again. */
  async reset(): Promise<void> {
    await this.#requireManaged('reset').reset();
  }

  /** The shown engine's list of `resource` (the containers when not said). */
  snapshot(): ResourceSnapshot<MirroredRows['containers']>;
  snapshot<R extends MirroredResource>(resource: R): ResourceSnapshot<MirroredRows[R]>;
  snapshot(resource: MirroredResource = 'containers'): ResourceSnapshot<unknown> {
    return this.#registry.snapshot(resource);
  }

  /** The connection to the engine shown, for services that act on it. */
  connection(): EngineConnection {
    const connection = this.#registry.shown();
    if (!connection) {
      throw new ContractError({
        kind: 'unreachable',
        message: 'No engine is connected.',
        hint: 'Open the Engine page.',
      });
    }
    return connection;
  }

  /** The engine shown: only it has a status event (see EngineStatus). */
  status(): EngineStatus {
    const id = this.#registry.shownId;
    const managedShown = id === MANAGED_ID && this.#opts.managed !== null;
    const base: ManagedStatus = managedShown
      ? this.#opts.managed!.status()
      : { ...this.#found.get(id), lastLogLines: [] };
    const connection = this.#registry.shown();
    const info = connection?.info;
    return {
      engineId: id,
      managed: managedShown,
      state: base.state,
      eventsConnected: connection?.eventsConnected ?? false,
      ...(base.step ? { step: base.step } : {}),
      ...(base.error ? { error: base.error } : {}),
      history: base.history,
      lastLogLines: base.lastLogLines,
      ...(info ? { info } : {}),
      ...(managedShown ? { cliHint: this.#opts.managed!.cliHint } : {}),
      ...(managedShown && this.#opts.managed!.vm ? { vm: this.#opts.managed!.vm.status() } : {}),
    };
  }

  /** Berth's VM, when the managed engine runs in one. */
  vm(): ManagedVm {
    return managedVm(this.#opts.managed);
  }

  /** A change only the VM knows of (resources saved, a port that could not be forwarded). */
  vmChanged(): void {
    if (this.#registry.shownId === MANAGED_ID) this.#emitStatus();
  }

  async dispose(): Promise<void> {
    this.#registry.dispose();
    await this.#opts.managed?.dispose();
  }

  async #show(candidate: EngineCandidate): Promise<void> {
    this.#registry.show(candidate);
    if (candidate.id === MANAGED_ID) {
      const managed = this.#opts.managed!;
      if (managed.status().state === 'running') this.#registry.open(candidate);
      this.#emitStatus();
      // Not awaited: the window opens at once and shows each start step; a failure
      // lands in the supervisor's status, which the Engine page shows with Retry.
      managed.start().catch((err: unknown) => {
        console.warn('[engine] the managed engine did not start:', (err as Error).message);
      });
      return;
    }
    // Still connected: its mirror kept up, so the switch is done.
    if (this.#registry.get(candidate.id)) return this.#emitStatus();
    this.#found.set(candidate.id, 'starting');
    this.#note(
      candidate.id,
      'starting',
      `Connecting to ${candidate.label} at ${candidate.endpoint}`,
    );
    const connection = this.#registry.open(candidate);
    try {
      const info = await connection.readInfo();
      if (this.#registry.get(candidate.id) !== connection) return; // dropped meanwhile
      this.#found.set(candidate.id, 'running');
      this.#note(
        candidate.id,
        'running',
        `Connected to ${candidate.label}, Docker ${info.version}`,
      );
    } catch (err) {
      if (this.#registry.get(candidate.id) !== connection) return;
      const message = `Couldn't reach ${candidate.label}: ${(err as Error).message}`;
      this.#found.set(candidate.id, 'error', {
        message,
        ...(candidate.hint ? { hint: candidate.hint } : {}),
      });
      this.#note(candidate.id, 'error', message);
    }
  }

  #onEventsConnected(id: string, connected: boolean, reason?: string): void {
    if (id !== MANAGED_ID) {
      this.#note(
        id,
        this.#found.get(id).state,
        connected ? 'Event stream connected' : `Event stream down: ${reason ?? ''}`,
      );
    }
    const connection = this.#registry.get(id);
    if (connected && connection && !connection.info) void this.#refreshInfo(id, connection);
    if (id === this.#registry.shownId) this.#emitStatus();
  }

  async #refreshInfo(id: string, connection: EngineConnection): Promise<void> {
    try {
      const info = await connection.readInfo();
      if (this.#registry.get(id) !== connection) return;
      // It failed at first and answers now.
      if (id !== MANAGED_ID && this.#found.get(id).state === 'error') {
        this.#found.set(id, 'running');
        const label = this.#candidates.find((c) => c.id === id)?.label ?? id;
        this.#note(id, 'running', `Connected to ${label}, Docker ${info.version}`);
      }
      if (id === this.#registry.shownId) this.#emitStatus();
    } catch (err) {
      console.warn('[engine] could not read engine info:', (err as Error).message);
    }
  }

  #onManagedStatus(status: ManagedStatus): void {
    const candidate = this.#managed();
    const listed = this.#candidates.findIndex((c) => c.id === MANAGED_ID);
    if (candidate && listed >= 0 && this.#candidates[listed]!.detail !== candidate.detail) {
      this.#candidates = this.#candidates.with(listed, candidate);
      this.#emitCandidates();
    }
    const shown = this.#registry.shownId === MANAGED_ID;
    if (status.state === 'running' && shown && candidate) this.#registry.open(candidate);
    // A crash keeps the connection (its events reconnect when the supervisor restarts it); a stop closes it.
    if (status.state === 'stopped') {
      this.#registry.drop(MANAGED_ID, {
        kind: 'cancelled',
        message: 'The managed engine stopped.',
      });
    }
    if (shown) this.#emitStatus();
  }

  #providerOf(candidate: EngineCandidate): EngineProvider {
    if (candidate.source === 'remote' && this.#opts.remote) return this.#opts.remote;
    return candidate.id === MANAGED_ID && this.#embedded ? this.#embedded : this.#opts.found;
  }

  #managed(): EngineCandidate | null {
    return managedCandidate(this.#opts.managed);
  }

  #explicit(endpoint: string): EngineCandidate {
    const existing = this.#candidates.find((c) => c.endpoint === endpoint);
    if (existing) return existing;
    const candidate = explicitCandidate(endpoint);
    this.#candidates = [candidate, ...this.#candidates];
    this.#emitCandidates();
    return candidate;
  }

  #noManagedEngine(): never {
    return noManagedEngine(this.#opts.noEngineAdvice);
  }

  #requireManaged(action: string): ManagedEngine {
    const { managed, noEngineAdvice } = this.#opts;
    return requireManaged(managed, this.#registry.shownCandidate, action, noEngineAdvice);
  }

  /** A line in a found engine's history; the status goes out when that engine is shown. */
  #note(id: string | null, state: EngineState, message: string): void {
    this.#found.note(id, state, message);
    if (id === this.#registry.shownId) this.#emitStatus();
  }

  #emitStatus(): void {
    this.#opts.events.emit('engine.status', this.status());
  }

  #emitCandidates(): void {
    this.#opts.events.emit('engine.candidates', this.candidates());
  }
}
