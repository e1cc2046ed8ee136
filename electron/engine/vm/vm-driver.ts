// The EngineDriver for Berth's Linux VM: QEMU running a kernel and initramfs
// that start dockerd, reached on 127.0.0.1 over TLS through QEMU's forward.
// The supervisor decides when; this decides how. Each start step has its own
// deadline and name, the guest's console markers mark the steps inside the VM,
// and the console is the driver's log, so a failed start shows its last lines.
import type { ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { ContractError } from '../../contract/errors.ts';
import { DEFAULT_VM_RESOURCES, type VmResources } from '../../contract/vm-channels.ts';
import { systemClock, type Clock } from '../clock.ts';
import type {
  EngineDriver,
  EngineExit,
  EnginePing,
  EngineStep,
  Unsubscribe,
} from '../engine-driver.ts';
import { pingEndpoint } from '../endpoint-request.ts';
import type { EngineEndpoint } from '../endpoint.ts';
import { Listeners } from '../listeners.ts';
import { signalProcess } from '../processes.ts';
import { chooseAccelerator, type AcceleratorChoice } from './accelerator.ts';
import { prepareDataDisk } from './data-disk.ts';
import { findQemu } from './find-qemu.ts';
import type { GuestDiskWatch } from './guest-disk.ts';
import { GuestError, type GuestMarker } from './guest-progress.ts';
import { freeLoopbackPort, portFree } from './free-port.ts';
import { waitForEngineReady } from './engine-info.ts';
import { savedApiPort, writeApiPort, writeFwCfgFiles } from './fw-cfg-files.ts';
import {
  checkImage,
  guestStepError,
  guestSteps,
  bootSlowness,
  vmStepTimeout,
  type VmStepName,
} from './vm-steps.ts';
import type { HostOs, VmArch } from './qemu-args.ts';
import type { QmpClient } from './qmp.ts';
import { ensureVmTls, type VmTlsFiles } from './vm-certs.ts';
import { VmConsole } from './vm-console.ts';
import { vmLayout, type VmLayout } from './vm-layout.ts';
import { startVmQemu } from './vm-qemu-start.ts';
import { acquireVmLock, newLockOwner, releaseVmLock } from './vm-lock.ts';
import type { SmbShare } from './vm-shares.ts';
import { removeStaleVmFiles, settlePreviousVm, type VmRunRecord } from './vm-previous.ts';
import { powerOff, probeOnWake, watchPid } from './vm-watch.ts';

export interface VmDriverOptions {
  dataDir: string;
  /** Holds vmlinuz, initramfs.img and manifest.json; null when no image is installed. */
  imageDir: string | null;
  /** Read at each start (settings.json's vmResources). */
  resources?: () => Promise<VmResources>;
  /** Host folders shared into the VM at the same path. */
  shares: readonly string[];
  /** Folders the guest mounts over SMB (Windows' only way; on Linux where asked). */
  smbShares?: readonly SmbShare[];
  os?: HostOs;
  arch?: VmArch;
  /** BERTH_QEMU: a QEMU program to use. */
  qemuPath?: string | undefined;
  /** BERTH_VM_ACCEL: force an accelerator. */
  accelerator?: string | undefined;
  clock?: Clock;
  logger?: Pick<Console, 'error'>;
}

export function hostOs(): HostOs {
  return process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
}

export class VmDriver implements EngineDriver {
  readonly layout: VmLayout;
  readonly #o: VmDriverOptions;
  readonly #os: HostOs;
  readonly #arch: VmArch;
  readonly #clock: Clock;
  readonly #logger: Pick<Console, 'error'>;
  readonly #lockOwner = newLockOwner();
  /** The serial console: the guest's step markers, its disk figures, the driver's log. */
  readonly #console: VmConsole;
  readonly #exitListeners = new Listeners<EngineExit>((error) =>
    this.#logger.error('[vm] an exit listener failed', error),
  );
  #locked = false;
  #qemu = '';
  #tls: VmTlsFiles | null = null;
  #choice: AcceleratorChoice | null = null;
  #apiPort: number | null = null;
  #resources: VmResources | null = null;
  #pid: number | null = null;
  #child: ChildProcess | null = null;
  #qmp: QmpClient | null = null;
  #adopted = false;
  /** The engine's last answer while the VM starts: a timed-out wait names it. */
  #lastEngineAnswer: string | undefined;
  /** This boot's bootSlowness (vm-steps.ts), once the kernel has reached /init. */
  #slowness = 1;
  #stopWatch: (() => void) | null = null;
  #stopWake: (() => void) | null = null;
  #disposed = false;

  constructor(options: VmDriverOptions) {
    this.#o = options;
    this.#os = options.os ?? hostOs();
    this.#arch = options.arch ?? (process.arch === 'arm64' ? 'aarch64' : 'x86_64');
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? console;
    this.layout = vmLayout(options.dataDir);
    this.#console = new VmConsole({
      layout: this.layout,
      clock: this.#clock,
      logger: this.#logger,
    });
  }

  /** The data disk's use as the guest's file system counts it (its console reports). */
  get disk(): GuestDiskWatch {
    return this.#console.disk;
  }

  /** How the app and the CLI reach the engine: the forwarded port with the client certificates. */
  get endpoint(): EngineEndpoint {
    return { url: `tcp://127.0.0.1:${this.#apiPort ?? 0}`, certPath: this.layout.clientCertDir };
  }

  get pid(): number | null {
    return this.#pid;
  }

  get adopted(): boolean {
    return this.#adopted;
  }

  get apiPort(): number | null {
    return this.#apiPort;
  }

  get accelerator(): AcceleratorChoice | null {
    return this.#choice;
  }

  /** What the running VM was started with; null while none runs. */
  get runningResources(): VmResources | null {
    return this.#pid !== null ? this.#resources : null;
  }

  get shares(): readonly string[] {
    return this.#o.shares;
  }

  get smbShares(): readonly SmbShare[] {
    return this.#o.smbShares ?? [];
  }

  /**
   * A human monitor command to the running VM (`hostfwd_add tcp:127.0.0.1:8080-:8080`),
   * for the port forwarder; rejects with the monitor's words, or when no VM runs.
   */
  monitor(command: string): Promise<string> {
    if (!this.#qmp || this.#qmp.closed) {
      return Promise.reject(new Error(`The VM is not running, so "${command}" cannot be sent.`));
    }
    return this.#qmp.monitor(command);
  }

  startSteps(): readonly EngineStep[] {
    const step = (
      name: VmStepName,
      run: (signal: AbortSignal) => Promise<string | void>,
      lastWords?: () => string | undefined,
    ): EngineStep => {
      const slowness = () => this.#slowness;
      return {
        name,
        // Read as the step begins, after the kernel's boot has set the slowness.
        get timeoutMs() {
          return vmStepTimeout(name, slowness());
        },
        run,
        ...(lastWords ? { lastWords } : {}),
      };
    };
    const consoleSaid = () => {
      const line = this.#console.lastLine;
      return line && `the VM console: ${line}`;
    };
    return [
      step('check QEMU and image', () => this.#check()),
      step('settle previous VM', (signal) => this.#settle(signal)),
      step('prepare data disk', () => this.#prepareDisk()),
      step('make certificates', () => this.#certificates()),
      step('pick API port', () => this.#pickPort()),
      step('start QEMU', (signal) => this.#boot(signal)),
      ...guestSteps.map(([name, marker]) =>
        step(name, (signal) => this.#waitForGuest(marker, signal), consoleSaid),
      ),
      step(
        'wait for engine',
        (signal) => this.#waitForEngine(signal),
        () => this.#lastEngineAnswer && `the engine: ${this.#lastEngineAnswer}`,
      ),
    ];
  }

  isRunning(): boolean {
    return this.#pid !== null;
  }

  async ping(opts: { timeoutMs: number; signal: AbortSignal }): Promise<EnginePing> {
    const ping = await pingEndpoint(this.endpoint, opts);
    return ping.ok ? { ok: true } : ping;
  }

  /**
   * SIGTERM: the ACPI power button (the guest stops dockerd and powers off),
   * once the guest can act on it; before dockerd runs there is nothing to
   * save, so QEMU ends at once (Stop must not wait out a boot). SIGKILL: kill QEMU.
   */
  kill(signal: 'SIGTERM' | 'SIGKILL'): void {
    const pid = this.#pid;
    if (pid === null) return;
    const guestListens = this.#adopted || this.#console.guest.has('dockerd starting');
    if (signal === 'SIGTERM' && guestListens && this.#qmp && !this.#qmp.closed) {
      this.#qmp.execute('system_powerdown').catch((error: unknown) => {
        this.#logger.error('[vm] system_powerdown failed; ending QEMU instead', error);
        signalProcess(pid, 'SIGTERM');
      });
      return;
    }
    signalProcess(pid, signal);
  }

  async cleanup(): Promise<void> {
    if (this.#pid !== null) return;
    this.#console.stop();
    // Another process's VM (whose lock stopped this start) is not ours to tidy.
    if (!this.#locked) return;
    await removeStaleVmFiles(this.layout);
    await releaseVmLock(this.layout.lockFile, this.#lockOwner);
    this.#locked = false;
  }

  onExit(listener: (exit: EngineExit) => void): Unsubscribe {
    return this.#exitListeners.add(listener);
  }

  onLogLine(listener: (line: string) => void): Unsubscribe {
    return this.#console.onLine(listener);
  }

  dispose(): void {
    this.#disposed = true;
    this.#console.dispose();
    this.#stopWake?.();
    this.#stopWatch?.();
    this.#qmp?.close();
    // Let the app exit while QEMU runs on; the next session adopts it.
    this.#child?.unref();
    if (this.#pid === null && this.#locked) {
      releaseVmLock(this.layout.lockFile, this.#lockOwner).catch((error: unknown) =>
        this.#logger.error('[vm] could not release the VM lock', error),
      );
    }
    this.#exitListeners.clear();
  }

  // ---- steps -------------------------------------------------------------

  async #check(): Promise<string> {
    this.#qemu = await findQemu({ os: this.#os, arch: this.#arch, override: this.#o.qemuPath });
    const imageDir = await checkImage(this.#o.imageDir);
    return `QEMU at ${this.#qemu}; image in ${imageDir}`;
  }

  async #settle(signal: AbortSignal): Promise<string> {
    await mkdir(this.layout.vmDir, { recursive: true, mode: 0o700 });
    const lock = await acquireVmLock(this.layout.lockFile, this.#lockOwner);
    if (!lock.ok) {
      throw new ContractError({
        kind: 'conflict',
        message: `Berth's VM is already run by process ${lock.holder}${lock.holder === process.pid ? ' (this one)' : ''}; a second copy would corrupt its disk.`,
        hint: 'Use the Berth that runs it, or quit it first.',
      });
    }
    this.#locked = true;
    const previous = await settlePreviousVm(this.layout, {
      clock: this.#clock,
      signal,
      graceMs: 10_000,
      killMs: 5_000,
    });
    const said: string[] = [];
    if (lock.tookOverFrom) said.push(`took over the lock of ended process ${lock.tookOverFrom}`);
    if (previous.adopted) {
      const { record, qmp } = previous.adopted;
      if (signal.aborted) {
        // Stopped while this step looked: the supervisor already saw no VM, and
        // the user asked for none, so this one powers off instead of being adopted.
        powerOff(record.pid, qmp, { clock: this.#clock, logger: this.#logger });
        signal.throwIfAborted();
      }
      this.#adopt(record, qmp);
      await this.#console.follow({ lastBytes: 8_192 });
      said.push(`adopted the VM (QEMU ${record.pid}) left running by an earlier session`);
      return said.join('; ');
    }
    this.#adopted = false;
    if (previous.stopped.length)
      said.push(`ended QEMU ${previous.stopped.join(', ')}, which did not answer`);
    if (previous.removed.length) said.push(`removed stale ${previous.removed.join(', ')}`);
    return said.length ? said.join('; ') : 'no earlier VM';
  }

  async #prepareDisk(): Promise<string | void> {
    if (this.#adopted) return;
    this.#resources = (await this.#o.resources?.()) ?? DEFAULT_VM_RESOURCES;
    const disk = await prepareDataDisk(this.layout.dataDisk, this.#resources.diskGiB);
    const gib = (bytes: number) => `${Math.round(bytes / 1024 ** 3)} GiB`;
    if (disk.created) return `made a ${gib(disk.sizeBytes)} data disk (sparse)`;
    if (disk.grewFrom !== undefined)
      return `grew the data disk from ${gib(disk.grewFrom)} to ${gib(disk.sizeBytes)}`;
    return `data disk of ${gib(disk.sizeBytes)}`;
  }

  async #certificates(): Promise<string | void> {
    const { files, made } = await ensureVmTls(this.layout.tlsDir);
    this.#tls = files;
    if (this.#adopted) return;
    return made
      ? 'made a CA, a server and a client certificate for this VM'
      : 'certificates in place';
  }

  async #pickPort(): Promise<string | void> {
    if (this.#adopted) return;
    // The same port as last time when it is free, so the Docker context keeps working.
    const saved = await savedApiPort(this.layout);
    const port = saved !== null && (await portFree(saved)) ? saved : await freeLoopbackPort();
    await this.#usePort(port);
    return `API on 127.0.0.1:${port}`;
  }

  async #usePort(port: number): Promise<void> {
    this.#apiPort = port;
    await writeApiPort(this.layout, port);
  }

  async #boot(signal: AbortSignal): Promise<string | void> {
    if (this.#adopted) return;
    const tls = this.#tls!;
    const resources = this.#resources ?? DEFAULT_VM_RESOURCES;
    this.#choice ??= await chooseAccelerator({ os: this.#os, forced: this.#o.accelerator });
    const fwCfgFiles = await writeFwCfgFiles(this.layout, tls, this.#o.shares, this.smbShares);
    this.#lastEngineAnswer = undefined;
    this.#slowness = 1;
    await this.#console.beginBoot();
    const launched = await startVmQemu({
      os: this.#os,
      arch: this.#arch,
      qemu: this.#qemu,
      choice: this.#choice,
      apiPort: this.#apiPort!,
      pickPort: async () => {
        const port = await freeLoopbackPort();
        await this.#usePort(port);
        return port;
      },
      layout: this.layout,
      imageDir: this.#o.imageDir!,
      resources,
      shares: this.#o.shares,
      smbShares: this.smbShares,
      fwCfgFiles,
      clock: this.#clock,
      signal,
    });
    const { child, pid, qmp, choice } = launched;
    if (signal.aborted) {
      child.kill('SIGKILL');
      signal.throwIfAborted();
    }
    this.#choice = choice;
    this.#child = child;
    this.#pid = pid;
    this.#qmp = qmp;
    this.#adopted = false;
    child.once('exit', (code, sig) => this.#ended(pid, { pid, code, signal: sig }));
    if (child.exitCode !== null || child.signalCode !== null) {
      this.#ended(pid, { pid, code: child.exitCode, signal: child.signalCode });
    }
    const record: VmRunRecord = {
      pid,
      apiPort: launched.apiPort,
      accelerator: choice.accelerator,
      ...(choice.warning ? { warning: choice.warning } : {}),
      resources,
      shares: [...this.#o.shares],
    };
    await writeFile(this.layout.runFile, JSON.stringify(record, null, 2));
    this.#watchWake();
    const warn = choice.warning ? ` (${choice.warning})` : '';
    return `QEMU ${pid} with ${choice.accelerator}${warn}: ${this.#qemu} ${launched.argv.join(' ')}`;
  }

  async #waitForGuest(marker: GuestMarker, signal: AbortSignal): Promise<string | void> {
    if (this.#adopted) return;
    const began = this.#clock.now();
    try {
      await this.#console.guest.waitFor(marker, signal);
    } catch (error) {
      throw error instanceof GuestError ? guestStepError(marker, error) : error;
    }
    const took = this.#clock.now() - began;
    if (marker !== 'init started') return `guest: ${marker} (${took} ms)`;
    this.#slowness = bootSlowness(took);
    const slow =
      this.#slowness > 1
        ? `; a busy host: later steps get ${this.#slowness.toFixed(1)}x their deadlines`
        : '';
    return `guest: ${marker} (${took} ms${slow})`;
  }

  #waitForEngine(signal: AbortSignal): Promise<string> {
    return waitForEngineReady(
      () => this.endpoint,
      this.#clock,
      signal,
      (answer) => {
        this.#lastEngineAnswer = answer;
      },
    );
  }

  // ---- watching ----------------------------------------------------------

  #adopt(record: VmRunRecord, qmp: QmpClient): void {
    this.#adopted = true;
    this.#slowness = 1;
    this.#pid = record.pid;
    this.#qmp = qmp;
    this.#apiPort = record.apiPort;
    this.#resources = record.resources;
    this.#choice = {
      accelerator: record.accelerator,
      ...(record.warning ? { warning: record.warning } : {}),
    };
    const pid = record.pid;
    this.#stopWatch = watchPid(pid, {
      clock: this.#clock,
      logger: this.#logger,
      onGone: () => this.#ended(pid, { pid, code: null, signal: null }),
    });
    this.#watchWake();
  }

  #watchWake(): void {
    this.#stopWake?.();
    this.#stopWake = probeOnWake({
      ping: (o) => this.ping(o),
      say: (line) => {
        if (this.#pid === null) return;
        this.#console.say(line);
      },
      logger: this.#logger,
    });
  }

  #ended(pid: number, exit: EngineExit): void {
    if (this.#pid !== pid || this.#disposed) return;
    this.#console
      .drain()
      .then(() => {
        this.#console.stop();
        this.#stopWake?.();
        this.#stopWake = null;
        this.#stopWatch?.();
        this.#stopWatch = null;
        this.#qmp?.close();
        this.#qmp = null;
        this.#pid = null;
        this.#child = null;
        this.#adopted = false;
        this.#exitListeners.emit(exit);
      })
      .catch((error: unknown) =>
        this.#logger.error(`[vm] reporting the exit of QEMU ${pid} failed`, error),
      );
  }
}
