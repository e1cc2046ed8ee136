// The EngineDriver for a private dockerd on Linux: its own folders, bridge,
// socket and containerd namespaces, so it can run beside a system engine
// without touching it. The supervisor decides when; this decides how.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sleep, systemClock, type Clock, type TimerHandle } from './clock.ts';
import { dockerdArgs } from './dockerd-args.ts';
import type {
  EngineDriver,
  EngineExit,
  EnginePing,
  EngineStep,
  Unsubscribe,
} from './engine-driver.ts';
import { prepareEngineNetwork, type EngineNetwork } from './engine-network.ts';
import { Listeners } from './listeners.ts';
import { LogTail } from './log-tail.ts';
import { engineEndpoint, engineLayout, type EngineLayout } from './managed-layout.ts';
import { removeStaleFiles, settlePreviousEngine } from './previous-engine.ts';
import { isProcessLive, signalProcess } from './processes.ts';
import { checkPrerequisites } from './prerequisites.ts';
import { runCommand, type RunCommand } from './run-command.ts';
import { pingEndpoint } from './endpoint-request.ts';

interface ManagedDockerdOptions {
  /** The app's data folder; the engine lives in `<dataDir>/engine`. */
  dataDir: string;
  /** Absolute path, or a name looked up on PATH and the sbin folders. */
  dockerdPath?: string;
  /** Its own bridge; the app names it after the data folder (managedBridgeName), as reset expects. */
  bridge: string;
  /** The bridge's address; by default the first candidate no route uses. */
  bridgeCidr?: string;
  /** Off when another engine runs beside this one (see dockerd-args.ts). */
  iptables: boolean;
  /** `--default-address-pool` base when iptables is on; picked when absent. */
  addressPool?: string;
  containerdNamespace?: string;
  containerdPluginsNamespace?: string;
  /** Where a short folder for sockets goes when the data folder is deep. */
  shortDirBase?: string;
  clock?: Clock;
  isRoot?: () => boolean;
  logger?: Pick<Console, 'error'>;
}

/** Step deadlines. The ping allows for a first start on a slow disk; measured here: ~0.3 s. */
const managedStepTimeouts = {
  'check prerequisites': 5_000,
  'prepare folders': 10_000,
  'adopt or clear previous engine': 30_000,
  'create bridge': 15_000,
  'spawn dockerd': 10_000,
  'wait for /_ping': 60_000,
} as const;

/** The endpoint of the managed engine for `dataDir`, and the line a user types to reach it. */
export function managedEndpoint(dataDir: string, shortDirBase?: string) {
  return engineEndpoint(engineLayout(dataDir, shortDirBase));
}

function waitForSpawn(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });
}

export class ManagedDockerd implements EngineDriver {
  readonly layout: EngineLayout;
  readonly #opts: ManagedDockerdOptions;
  readonly #clock: Clock;
  readonly #logger: Pick<Console, 'error'>;
  readonly #bridge: string;
  #dockerd = '';
  #run: RunCommand = runCommand;
  #network: EngineNetwork | undefined;
  #pid: number | null = null;
  #adopted = false;
  #child: ChildProcess | null = null;
  #watchTimer: TimerHandle | null = null;
  #tail: LogTail | null = null;
  #disposed = false;
  readonly #exitListeners = new Listeners<EngineExit>((error) =>
    this.#logger.error('[managed dockerd] an exit listener failed', error),
  );
  readonly #logListeners = new Listeners<string>((error) =>
    this.#logger.error('[managed dockerd] a log listener failed', error),
  );

  constructor(opts: ManagedDockerdOptions) {
    this.#opts = opts;
    this.#clock = opts.clock ?? systemClock;
    this.#logger = opts.logger ?? console;
    this.#bridge = opts.bridge;
    this.layout = engineLayout(opts.dataDir, opts.shortDirBase);
  }

  /** The dockerd in use (spawned or adopted), or null. */
  get pid(): number | null {
    return this.#pid;
  }

  get adopted(): boolean {
    return this.#adopted;
  }

  /** The bridge in use and its address, once the bridge step ran (not for an adopted engine). */
  get network(): EngineNetwork | undefined {
    return this.#network;
  }

  get endpoint(): { endpoint: string; dockerHost: string } {
    return engineEndpoint(this.layout);
  }

  startSteps(): readonly EngineStep[] {
    const step = (
      name: keyof typeof managedStepTimeouts,
      run: (signal: AbortSignal) => Promise<string | void>,
    ): EngineStep => ({ name, timeoutMs: managedStepTimeouts[name], run });
    return [
      step('check prerequisites', () => this.#checkPrerequisites()),
      step('prepare folders', () => this.#prepareFolders()),
      step('adopt or clear previous engine', (signal) => this.#settlePrevious(signal)),
      step('create bridge', (signal) => this.#createBridge(signal)),
      step('spawn dockerd', (signal) => this.#spawn(signal)),
      step('wait for /_ping', (signal) => this.#waitForPing(signal)),
    ];
  }

  isRunning(): boolean {
    return this.#pid !== null;
  }

  async ping(opts: { timeoutMs: number; signal: AbortSignal }): Promise<EnginePing> {
    const ping = await pingEndpoint({ url: `unix://${this.layout.socketPath}` }, opts);
    return ping.ok ? { ok: true } : ping;
  }

  kill(signal: 'SIGTERM' | 'SIGKILL'): void {
    if (this.#pid !== null) signalProcess(this.#pid, signal);
  }

  /** After the process is gone: stale pidfile and socket go, data stays. */
  async cleanup(): Promise<void> {
    if (this.#pid !== null) return;
    this.#tail?.stop();
    await removeStaleFiles(this.layout);
  }

  onExit(listener: (exit: EngineExit) => void): Unsubscribe {
    return this.#exitListeners.add(listener);
  }

  onLogLine(listener: (line: string) => void): Unsubscribe {
    return this.#logListeners.add(listener);
  }

  dispose(): void {
    this.#disposed = true;
    this.#tail?.stop();
    if (this.#watchTimer !== null) this.#clock.clearTimeout(this.#watchTimer);
    // Let the app exit while dockerd keeps running for the next session to adopt.
    this.#child?.unref();
    this.#exitListeners.clear();
    this.#logListeners.clear();
  }

  // ---- steps -------------------------------------------------------------

  async #checkPrerequisites(): Promise<string> {
    const found = await checkPrerequisites({
      isRoot: this.#opts.isRoot ?? (() => process.getuid?.() === 0),
      ...(this.#opts.dockerdPath ? { dockerdPath: this.#opts.dockerdPath } : {}),
    });
    this.#dockerd = found.dockerd;
    this.#run = (file, args, signal) => runCommand(file === 'ip' ? found.ip : file, args, signal);
    return `dockerd at ${found.dockerd}`;
  }

  async #prepareFolders(): Promise<string> {
    const l = this.layout;
    await mkdir(l.engineDir, { recursive: true, mode: 0o700 });
    for (const dir of [l.dataRoot, l.execRoot, path.dirname(l.socketPath)]) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
    }
    try {
      // Our own config file, so a host's /etc/docker/daemon.json cannot clash with our flags.
      await writeFile(l.configFile, '{}\n', { flag: 'wx' });
    } catch (error) {
      // An existing file is the user's to edit; keep it.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return `engine folder ${l.engineDir}, socket ${l.socketPath}`;
  }

  async #settlePrevious(signal: AbortSignal): Promise<string> {
    const previous = await settlePreviousEngine(this.layout, {
      clock: this.#clock,
      signal,
      graceMs: 10_000,
      killMs: 5_000,
    });
    if (previous.adopted) {
      this.#adopted = true;
      this.#pid = previous.adopted.pid;
      this.#watchAdopted(previous.adopted.pid);
      await this.#followLog({ lastBytes: 8_192 });
      return `adopted dockerd ${previous.adopted.pid}, left running by an earlier session`;
    }
    this.#adopted = false;
    const said: string[] = [];
    if (previous.stopped.length)
      said.push(`stopped unresponsive dockerd ${previous.stopped.join(', ')}`);
    if (previous.removed.length) said.push(`removed stale ${previous.removed.join(', ')}`);
    return said.length ? said.join('; ') : 'no earlier engine';
  }

  async #createBridge(signal: AbortSignal): Promise<string | void> {
    if (this.#adopted) return 'kept the adopted engine’s bridge';
    const network = await prepareEngineNetwork({
      bridge: this.#bridge,
      iptables: this.#opts.iptables,
      run: this.#run,
      signal,
      ...(this.#opts.bridgeCidr ? { bridgeCidr: this.#opts.bridgeCidr } : {}),
      ...(this.#opts.addressPool ? { addressPool: this.#opts.addressPool } : {}),
    });
    this.#network = network;
    const pool = network.addressPool ? `, address pool ${network.addressPool}` : '';
    return `${network.created ? 'created' : 'using'} bridge ${network.bridge} (${network.cidr})${pool}`;
  }

  async #spawn(signal: AbortSignal): Promise<string | void> {
    if (this.#adopted) return;
    signal.throwIfAborted();
    const l = this.layout;
    const args = dockerdArgs({
      layout: l,
      bridge: this.#bridge,
      iptables: this.#opts.iptables,
      ...(this.#network?.addressPool ? { addressPool: this.#network.addressPool } : {}),
      containerdNamespace: this.#opts.containerdNamespace ?? 'berth',
      containerdPluginsNamespace: this.#opts.containerdPluginsNamespace ?? 'berth-plugins',
    });
    try {
      await rename(l.logFile, l.previousLogFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const log = await open(l.logFile, 'a');
    try {
      await this.#followLog({});
      // Own session: a Ctrl-C or a killed app does not take the engine down
      // with it; the next session adopts it. Output goes straight to the file.
      const child = spawn(this.#dockerd, args, {
        detached: true,
        stdio: ['ignore', log.fd, log.fd],
      });
      const pid = child.pid;
      if (pid !== undefined) {
        // Listen before any await: a dockerd that dies at once must still be reported.
        this.#child = child;
        this.#pid = pid;
        child.once('exit', (code, signal) => this.#ended(pid, { pid, code, signal }));
      }
      await waitForSpawn(child);
      if (signal.aborted) {
        // Stopped while spawning: the supervisor's stop may already have looked
        // for a process and found none, so this child is ours to end.
        child.kill('SIGTERM');
        signal.throwIfAborted();
      }
      return `dockerd ${pid}: ${this.#dockerd} ${args.join(' ')}`;
    } finally {
      await log.close();
    }
  }

  async #waitForPing(signal: AbortSignal): Promise<string> {
    const began = this.#clock.now();
    for (;;) {
      const ping = await pingEndpoint(
        { url: `unix://${this.layout.socketPath}` },
        { timeoutMs: 1_000, signal },
      );
      if (ping.ok) {
        const took = this.#clock.now() - began;
        return `answered /_ping after ${took} ms${ping.apiVersion ? ` (API ${ping.apiVersion})` : ''}`;
      }
      await sleep(this.#clock, 50, signal);
    }
  }

  // ---- watching ----------------------------------------------------------

  async #followLog(from: { lastBytes?: number }): Promise<void> {
    this.#tail?.stop();
    const tail = new LogTail(this.layout.logFile, {
      clock: this.#clock,
      onLine: (line) => this.#logListeners.emit(line),
      onError: (error) => this.#logger.error('[managed dockerd]', error),
    });
    this.#tail = tail;
    await tail.start(from);
  }

  /** An adopted dockerd is not our child, so no exit event: poll /proc instead. */
  #watchAdopted(pid: number): void {
    const check = (): void => {
      this.#watchTimer = null;
      isProcessLive(pid).then(
        (live) => {
          if (this.#disposed || this.#pid !== pid) return;
          if (live) this.#watchTimer = this.#clock.setTimeout(check, 500);
          else this.#ended(pid, { pid, code: null, signal: null });
        },
        (error: unknown) => {
          this.#logger.error(`[managed dockerd] checking adopted dockerd ${pid} failed`, error);
          this.#watchTimer = this.#clock.setTimeout(check, 500);
        },
      );
    };
    this.#watchTimer = this.#clock.setTimeout(check, 500);
  }

  #ended(pid: number, exit: EngineExit): void {
    if (this.#pid !== pid || this.#disposed) return;
    // Read the log to its end first, so the last words are in before the exit is told.
    const drained = this.#tail?.drain() ?? Promise.resolve();
    drained
      .then(() => {
        this.#tail?.stop();
        if (this.#watchTimer !== null) this.#clock.clearTimeout(this.#watchTimer);
        this.#watchTimer = null;
        this.#pid = null;
        this.#child = null;
        this.#adopted = false;
        this.#exitListeners.emit(exit);
      })
      .catch((error: unknown) => {
        this.#logger.error(`[managed dockerd] reporting the exit of dockerd ${pid} failed`, error);
      });
  }
}
