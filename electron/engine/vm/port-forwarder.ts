// Keeps QEMU's host forwards equal to the ports the VM's containers publish,
// so `-p 8080:80` answers on this computer's 127.0.0.1:8080 as it does on
// Linux. Its owner feeds it the engine's view (a full re-list when the event
// stream (re)connects, one container at a time on its events; see
// services/vm-ports.ts) and gives it the QEMU monitor. A host port that is
// taken does not stop the container: it becomes a port problem, and the
// forward is tried again every `retryMs` until the port frees or the
// container stops.
import {
  diffForwards,
  forwardKey,
  hostfwdAdd,
  hostfwdAddFailure,
  hostfwdRemove,
  hostfwdRemoveFailure,
  parseHostForwards,
  portsToForward,
  type ContainerPorts,
  type Forward,
  type ForwardProtocol,
  type PortProblem,
} from './published-ports.ts';
import { checkHostPort, type HostPortCheck } from './host-port.ts';
import { guestNetwork } from './guest-contract.ts';

export interface PortForwarderOptions {
  /** One HMP command through QMP's human-monitor-command; resolves with its text reply. */
  monitor(command: string): Promise<string>;
  /** The VM's engine: ids of running containers, and one container (null when it is gone). */
  engine: {
    runningContainers(): Promise<string[]>;
    inspect(id: string): Promise<ContainerPorts | null>;
  };
  /** Host ports the VM forwards for itself (the engine API): never touched, never given to a container. */
  reservedPorts: readonly number[];
  /** The port problems changed (VmStatus.portProblems). */
  onProblems(problems: PortProblem[]): void;
  /** Something failed that no port problem describes (the monitor, the engine); logged by the owner. */
  onError(message: string): void;
  checkPort?(port: number, protocol: ForwardProtocol): Promise<HostPortCheck>;
  /** How often ports that were taken are tried again. */
  retryMs?: number;
}

const DEFAULT_RETRY_MS = 5_000;

export class PortForwarder {
  readonly #opts: PortForwarderOptions;
  /** What each running container publishes that can be forwarded, by container id. */
  readonly #wanted = new Map<string, Forward[]>();
  /** What each container publishes that cannot be forwarded whatever the host does. */
  readonly #unforwardable = new Map<string, PortProblem[]>();
  /** The forwards QEMU has now, made by us (or adopted at start). */
  readonly #current = new Map<string, Forward>();
  /** Forwards that were wanted but failed, by forwardKey. */
  readonly #failed = new Map<string, { problem: PortProblem; retry: boolean }>();
  #queue: Promise<void> = Promise.resolve();
  #adopted = false;
  #stopped = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #lastProblems = '[]';
  /** A read of the engine failed: the next retry re-lists everything. */
  #resyncDue = false;

  constructor(opts: PortForwarderOptions) {
    this.#opts = opts;
  }

  /** Re-reads every running container (at connect and after the event stream broke). */
  resync(): Promise<void> {
    return this.#enqueue(() => this.#resync());
  }

  /** A container started, stopped or went: re-read it alone. */
  containerChanged(id: string): Promise<void> {
    return this.#enqueue(async () => {
      const inspect = await this.#inspect(id);
      if (inspect !== undefined) this.#take(id, inspect);
      await this.#reconcile();
    });
  }

  async #resync(): Promise<void> {
    this.#resyncDue = false;
    let ids: string[];
    try {
      ids = await this.#opts.engine.runningContainers();
    } catch (err) {
      this.#opts.onError(`couldn't list the VM's containers: ${(err as Error).message}`);
      this.#resyncDue = true;
      this.#scheduleRetry();
      return;
    }
    const inspected = await Promise.all(ids.map((id) => this.#inspect(id)));
    for (const id of [...this.#wanted.keys(), ...this.#unforwardable.keys()]) {
      if (!ids.includes(id)) this.#take(id, null);
    }
    // A container whose read failed keeps what it had: the retry's resync reads it again.
    for (const [i, id] of ids.entries()) {
      const inspect = inspected[i];
      if (inspect !== undefined) this.#take(id, inspect);
    }
    await this.#reconcile();
  }

  problems(): PortProblem[] {
    return JSON.parse(this.#lastProblems) as PortProblem[];
  }

  /** The forwards in place now (for tests and the status). */
  forwards(): Forward[] {
    return [...this.#current.values()];
  }

  /** Stops retrying; the forwards go with QEMU. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
  }

  #enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(async () => {
      if (!this.#stopped) await job();
    });
    this.#queue = run.catch((err: unknown) => this.#opts.onError((err as Error).message));
    return this.#queue;
  }

  /** The container, null when it is gone, undefined when it could not be read (a resync is then due). */
  async #inspect(id: string): Promise<ContainerPorts | null | undefined> {
    try {
      return await this.#opts.engine.inspect(id);
    } catch (err) {
      this.#opts.onError(
        `couldn't read container ${id.slice(0, 12)} (read again in a moment): ${(err as Error).message}`,
      );
      this.#resyncDue = true;
      return undefined;
    }
  }

  #take(id: string, inspect: ContainerPorts | null): void {
    const { forwards, problems } = inspect
      ? portsToForward(inspect)
      : { forwards: [], problems: [] };
    if (forwards.length) this.#wanted.set(id, forwards);
    else this.#wanted.delete(id);
    if (problems.length) this.#unforwardable.set(id, problems);
    else this.#unforwardable.delete(id);
  }

  async #reconcile(): Promise<void> {
    if (!this.#adopted) await this.#adopt();
    const wanted = new Map<string, Forward>();
    for (const forwards of this.#wanted.values()) {
      for (const f of forwards) if (!wanted.has(forwardKey(f))) wanted.set(forwardKey(f), f);
    }
    for (const key of this.#failed.keys()) if (!wanted.has(key)) this.#failed.delete(key);
    const { add, remove } = diffForwards(wanted, this.#current);
    for (const f of remove) await this.#remove(f);
    for (const f of add) await this.#add(f);
    this.#publishProblems();
    this.#scheduleRetry();
  }

  /**
   * QEMU may hold forwards from before this forwarder (the engine restarted
   * inside the same VM): take over those shaped like ours, so the first
   * reconcile removes the stale ones instead of failing on them as "taken".
   */
  async #adopt(): Promise<void> {
    this.#adopted = true;
    const listed = parseHostForwards(await this.#opts.monitor('info usernet'));
    for (const l of listed) {
      const ours =
        l.hostAddress === '127.0.0.1' &&
        l.hostPort === l.guestPort &&
        l.guestAddress === guestNetwork.guestAddress &&
        !this.#opts.reservedPorts.includes(l.hostPort);
      if (ours) {
        const f: Forward = {
          protocol: l.protocol,
          port: l.hostPort,
          containerId: '',
          container: '',
        };
        this.#current.set(forwardKey(f), f);
      }
    }
  }

  async #remove(f: Forward): Promise<void> {
    const failure = hostfwdRemoveFailure(await this.#opts.monitor(hostfwdRemove(f)));
    if (failure) {
      this.#opts.onError(`couldn't remove the forward of ${forwardKey(f)}: ${failure}`);
      return;
    }
    this.#current.delete(forwardKey(f));
  }

  async #add(f: Forward): Promise<void> {
    const key = forwardKey(f);
    const fail = (reason: string, retry: boolean) =>
      this.#failed.set(key, {
        problem: { port: f.port, protocol: f.protocol, container: f.container, reason },
        retry,
      });
    if (this.#opts.reservedPorts.includes(f.port)) {
      fail(
        `Port ${f.port} on this computer carries Berth's connection to the VM's engine. ` +
          'Publish another host port.',
        false,
      );
      return;
    }
    const check = await (this.#opts.checkPort ?? checkHostPort)(f.port, f.protocol);
    if (!check.free) {
      fail(check.reason, check.retry);
      return;
    }
    const failure = hostfwdAddFailure(await this.#opts.monitor(hostfwdAdd(f)));
    if (failure) {
      // Taken between the check and QEMU's bind, most likely: try again later.
      fail(
        `Port ${f.port} could not be forwarded to this computer’s 127.0.0.1 (QEMU: ${failure}). ` +
          'If another program uses it, stop that program or publish another host port; ' +
          'Berth tries again while the container runs.',
        true,
      );
      return;
    }
    this.#failed.delete(key);
    this.#current.set(key, f);
  }

  #publishProblems(): void {
    const problems = [
      ...[...this.#unforwardable.values()].flat(),
      ...[...this.#failed.values()].map((f) => f.problem),
    ].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
    const text = JSON.stringify(problems);
    if (text === this.#lastProblems) return;
    this.#lastProblems = text;
    this.#opts.onProblems(problems);
  }

  #scheduleRetry(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const portsToRetry = [...this.#failed.values()].some((f) => f.retry);
    if (this.#stopped || !(portsToRetry || this.#resyncDue)) return;
    this.#retryTimer = setTimeout(
      () => void this.#enqueue(() => (this.#resyncDue ? this.#resync() : this.#reconcile())),
      this.#opts.retryMs ?? DEFAULT_RETRY_MS,
    );
    this.#retryTimer.unref?.();
  }
}
