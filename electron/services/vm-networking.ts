// What makes Berth's VM feel like Linux from the host: published ports
// forwarded to this computer's 127.0.0.1 while the engine runs (vm-ports.ts),
// the `berth-vm` Docker context for the user's CLI rewritten at each start
// (the API port may change) and removed when the VM is reset, and the folders
// it shares (engine/vm/vm-shares.ts). It follows the VM engine's status, so
// it needs nothing from the driver but its endpoint, API port and monitor.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dockerConfigDir } from '../engine/docker-context.ts';
import type { PortProblem } from '../engine/vm/published-ports.ts';
import { removeVmContext, vmContextName, writeVmContext } from '../engine/vm/vm-context.ts';
import type { HostOs } from '../engine/vm/qemu-args.ts';
import { hostOs } from '../engine/vm/vm-driver.ts';
import { resolveVmShares, type ShareChoice } from '../engine/vm/vm-shares.ts';
import type { SettingsFile } from './settings.ts';
import type { VmEngine } from './vm-engine-adapter.ts';
import { followVmPorts, type VmPorts } from './vm-ports.ts';

/** The folders to share: settings.json's vmSharedFolders, the home folder by default, BERTH_VM_SHARES over both. */
export async function vmSharedFolders(
  settings: Pick<SettingsFile, 'read'>,
  env: NodeJS.ProcessEnv,
  homeDir = homedir(),
  os: HostOs = hostOs(),
): Promise<Pick<ShareChoice, 'shares' | 'smbShares'>> {
  const configured = (await settings.read()).vmSharedFolders;
  const { shares, smbShares, skipped } = resolveVmShares({
    env,
    homeDir,
    configured,
    os,
    isFolder: (folder) => statSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false,
  });
  for (const { folder, reason } of skipped) {
    console.warn(`[vm] not sharing ${JSON.stringify(folder)} with the VM: ${reason}`);
  }
  return { shares, smbShares };
}

export class VmNetworking {
  readonly #dataDir: string;
  readonly #configDir: string;
  readonly #contextName: string;
  readonly #isDefaultDataDir: boolean;
  readonly #listeners = new Set<() => void>();
  #ports: VmPorts | null = null;
  #problems: PortProblem[] = [];
  #contextPort: number | null = null;

  constructor(opts: {
    dataDir: string;
    isDefaultDataDir: boolean;
    env: NodeJS.ProcessEnv;
    dockerConfigDir?: string;
  }) {
    this.#dataDir = opts.dataDir;
    this.#configDir =
      opts.dockerConfigDir ?? dockerConfigDir({ env: opts.env, homeDir: homedir() });
    this.#contextName = vmContextName(opts.dataDir, opts.isDefaultDataDir);
    this.#isDefaultDataDir = opts.isDefaultDataDir;
  }

  get contextName(): string {
    return this.#contextName;
  }

  portProblems(): PortProblem[] {
    return this.#problems;
  }

  /** Port problems came or went: the Engine page's status must be sent again. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Follows `engine`: forwards and the context while it runs; the context goes with a reset. */
  attach(engine: VmEngine): VmEngine {
    engine.onStatus((status) => {
      if (status.state === 'running') this.#running(engine);
      else this.#notRunning();
    });
    const reset = engine.reset.bind(engine);
    engine.reset = async () => {
      // The VM is deleted: so is the way in to it. The start after the reset writes it again.
      await this.#removeContext();
      return reset();
    };
    const dispose = engine.dispose.bind(engine);
    engine.dispose = async () => {
      this.#notRunning();
      await dispose();
      // A data folder of its own (tests, a second profile) leaves no context behind when the
      // app quits: it is written again at the next start. The default folder's stays listed.
      if (!this.#isDefaultDataDir) await this.#removeContext();
    };
    Object.defineProperty(engine, 'cliHint', {
      get: () => ({ context: this.#contextName, dockerHost: engine.endpoint.url }),
    });
    return engine;
  }

  #running(engine: VmEngine): void {
    const apiPort = engine.driver.apiPort;
    if (this.#ports || apiPort === null) return;
    this.#ports = followVmPorts({
      endpoint: engine.endpoint,
      monitor: (command) => engine.vm.monitor(command),
      reservedPorts: [apiPort],
      onProblems: (problems) => this.#setProblems(problems),
    });
    if (this.#contextPort !== apiPort) {
      writeVmContext({
        configDir: this.#configDir,
        name: this.#contextName,
        apiPort,
        certPath: engine.endpoint.certPath ?? '',
        dataDir: this.#dataDir,
      }).then(
        () => (this.#contextPort = apiPort),
        (err: unknown) =>
          console.warn(
            `[vm] couldn't write the Docker context "${this.#contextName}":`,
            (err as Error).message,
          ),
      );
    }
  }

  #notRunning(): void {
    this.#ports?.stop();
    this.#ports = null;
    this.#setProblems([]);
  }

  #setProblems(problems: PortProblem[]): void {
    if (JSON.stringify(problems) === JSON.stringify(this.#problems)) return;
    this.#problems = problems;
    for (const listener of this.#listeners) listener();
  }

  async #removeContext(): Promise<void> {
    this.#contextPort = null;
    try {
      await removeVmContext({ configDir: this.#configDir, name: this.#contextName });
    } catch (err) {
      console.warn(
        `[vm] couldn't remove the Docker context "${this.#contextName}":`,
        (err as Error).message,
      );
    }
  }
}
