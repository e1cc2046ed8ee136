// Builds the ManagedEngine for Berth's Linux VM from the supervisor and the
// VM driver: its endpoint (the forwarded port with the VM's client
// certificates), its status for the Engine page (image, accelerator,
// resources, disk), the serial console as its log, and Reset (a new data disk).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, homedir, totalmem } from 'node:os';
import path from 'node:path';
import { ContractError } from '../contract/errors.ts';
import { DEFAULT_VM_RESOURCES, type VmResources, type VmStatus } from '../contract/vm-channels.ts';
import { EngineSupervisor } from '../engine/supervisor.ts';
import { isDataDiskFull } from '../engine/vm/guest-disk.ts';
import { VmDriver } from '../engine/vm/vm-driver.ts';
import type { SmbShare } from '../engine/vm/vm-shares.ts';
import { toErrorEnvelope } from './engine-errors.ts';
import type { ManagedEngine } from './managed-engine-port.ts';
import type { SettingsFile } from './settings.ts';
import { followLog, readWholeLog, SupervisedStatus } from './supervised-engine.ts';

export interface VmEngineSettings {
  dataDir: string;
  /** The image folder (vmlinuz, initramfs.img, manifest.json), or null when none is installed. */
  imageDir: string | null;
  /** Host folders shared into the VM at the same path. */
  shares: readonly string[];
  /** Folders the guest mounts over SMB (engine/vm/vm-shares.ts). */
  smbShares?: readonly SmbShare[];
  settings: Pick<SettingsFile, 'read' | 'write'>;
  env?: NodeJS.ProcessEnv;
  /** Published ports that could not be forwarded (the port forwarder's report). */
  portProblems?: () => VmStatus['portProblems'];
}

/** The VM's engine, with the driver for what builds on it (the port forwarder reaches QMP through it). */
export type VmEngine = ManagedEngine & {
  readonly vm: NonNullable<ManagedEngine['vm']>;
  readonly driver: VmDriver;
};

/** BERTH_VM_IMAGE_DIR, else the packaged resources' `vm/`; null when neither holds an image. */
export function findVmImage(env: NodeJS.ProcessEnv, resourcesPath?: string): string | null {
  const candidates = [env.BERTH_VM_IMAGE_DIR, resourcesPath && path.join(resourcesPath, 'vm')];
  for (const dir of candidates) {
    if (dir && existsSync(path.join(dir, 'manifest.json'))) return dir;
  }
  // Named even when empty, so the start fails saying where it looked.
  return env.BERTH_VM_IMAGE_DIR ?? null;
}

/** The folders shared into the VM: the home folder, or BERTH_VM_SHARES (path-delimited; empty for none). */
export function vmShares(env: NodeJS.ProcessEnv, home = homedir()): string[] {
  const listed = env.BERTH_VM_SHARES;
  if (listed === undefined) return [home];
  return listed
    .split(path.delimiter)
    .filter(Boolean)
    .map((p) => path.resolve(p));
}

interface Manifest {
  version?: string;
  kernelRelease?: string;
  packages?: { name: string; version: string }[];
}

function readImage(imageDir: string | null): VmStatus['image'] {
  if (!imageDir) return null;
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(imageDir, 'manifest.json'), 'utf8'),
    ) as Manifest;
    const dockerd = manifest.packages?.find((p) => p.name === 'docker.io')?.version ?? 'unknown';
    return {
      version: manifest.version ?? 'unknown',
      kernel: manifest.kernelRelease ?? 'unknown',
      dockerd,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || error instanceof SyntaxError) return null;
    throw error;
  }
}

/** The VM cannot have more CPUs than the host, nor all of its memory. */
export function checkHostLimits(
  resources: VmResources,
  host = { cpus: cpus().length, memoryMiB: Math.floor(totalmem() / 1024 ** 2) },
): void {
  const problems: string[] = [];
  if (resources.cpus > host.cpus) {
    problems.push(`CPUs: this machine has ${host.cpus}, so at most ${host.cpus}`);
  }
  const maxMemory = Math.max(512, host.memoryMiB - 1024);
  if (resources.memoryMiB > maxMemory) {
    problems.push(
      `Memory: at most ${maxMemory} MiB (this machine has ${host.memoryMiB} MiB, and keeps 1 GiB for itself)`,
    );
  }
  if (problems.length) {
    throw new ContractError({
      kind: 'bad-request',
      message: problems.join('; '),
      hint: 'Give the VM less.',
    });
  }
}

function sameResources(a: VmResources, b: VmResources): boolean {
  return a.cpus === b.cpus && a.memoryMiB === b.memoryMiB && a.diskGiB === b.diskGiB;
}

export function createVmEngine(settings: VmEngineSettings): VmEngine {
  const env = settings.env ?? process.env;
  let saved: VmResources = DEFAULT_VM_RESOURCES;
  const readResources = async () => {
    saved = (await settings.settings.read()).vmResources;
    return saved;
  };
  readResources().catch((error: unknown) =>
    console.warn('[vm] could not read the VM settings:', (error as Error).message),
  );
  const driver = new VmDriver({
    dataDir: settings.dataDir,
    imageDir: settings.imageDir,
    shares: settings.shares,
    smbShares: settings.smbShares ?? [],
    resources: readResources,
    qemuPath: env.BERTH_QEMU,
    accelerator: env.BERTH_VM_ACCEL,
  });
  // A graceful power-off takes ~4 s on a quiet machine: dockerd stops its containers first.
  const supervisor = new EngineSupervisor({ driver, stopGraceMs: 30_000 });
  const board = new SupervisedStatus(supervisor);
  const image = readImage(settings.imageDir);
  // The guest's reports of its disk have no supervisor event of their own.
  driver.disk.onChange(() => board.tell());

  const vmStatus = (): VmStatus => {
    const running = driver.runningResources;
    const choice = driver.accelerator;
    let diskFile: VmStatus['diskFile'];
    try {
      const info = statSync(driver.layout.dataDisk);
      diskFile = { usedBytes: info.blocks * 512, sizeBytes: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const use = driver.disk.use;
    return {
      image,
      accelerator: choice?.accelerator ?? null,
      ...(choice?.warning ? { warning: choice.warning } : {}),
      ...(running ? { running } : {}),
      settings: saved,
      restartRequired: running !== null && !sameResources(running, saved),
      ...(diskFile ? { diskFile } : {}),
      ...(use ? { diskUse: { ...use, full: isDataDiskFull(use) } } : {}),
      sharedFolders: [...settings.shares, ...(settings.smbShares ?? []).map((s) => s.folder)],
      portProblems: settings.portProblems?.() ?? [],
      ...(driver.apiPort !== null ? { apiPort: driver.apiPort } : {}),
    };
  };

  const resetStep = async <T>(name: string, message: string, run: () => Promise<T>): Promise<T> => {
    board.resetStep(name, message);
    try {
      return await run();
    } catch (err) {
      const envelope = toErrorEnvelope(err, `Couldn't reset the VM`);
      throw new ContractError({
        ...envelope,
        message: `Couldn't reset the VM (${name}): ${envelope.message}`,
        step: name,
        hint:
          name === 'start engine'
            ? 'Its data disk is new; press Start to try again, and read the VM console.'
            : 'Nothing after this step was done: press Reset again, or read the VM console.',
      });
    }
  };

  return {
    kind: 'vm',
    get endpoint() {
      return driver.endpoint;
    },
    get cliHint() {
      return { context: 'berth-vm', dockerHost: driver.endpoint.url };
    },
    driver,
    status: () => board.status(),
    onStatus: (listener) => board.onStatus(listener),
    start: () => supervisor.start(),
    stop: () => supervisor.stop(),
    restart: () => supervisor.restart(),
    reset: () =>
      board.reset(async () => {
        try {
          await resetStep('stop engine', 'Stopping the VM', () => supervisor.stop());
          await resetStep(
            'remove data',
            'Deleting the VM’s data disk (its images, containers and volumes)',
            () => rm(driver.layout.dataDisk, { force: true }),
          );
          await resetStep('start engine', 'Starting the VM with a new data disk', () =>
            supervisor.start(),
          );
          board.resetStep(null, 'Reset done: the VM has a new data disk.');
          return { removed: [driver.layout.dataDisk], kept: [] };
        } catch (err) {
          board.resetStep(null, `Reset failed: ${(err as Error).message}`);
          throw err;
        }
      }),
    openLog: (tail) => followLog(driver.layout.consoleLog, tail, (l) => supervisor.onLogLine(l)),
    readLog: () => readWholeLog(driver.layout.consoleLog, "Berth's VM"),
    vm: {
      status: vmStatus,
      setResources: async (resources) => {
        checkHostLimits(resources);
        await settings.settings.write({ vmResources: resources });
        saved = resources;
        board.tell();
        return vmStatus();
      },
      openConsole: (tail) =>
        followLog(driver.layout.consoleLog, tail, (l) => supervisor.onLogLine(l)),
      monitor: (command) => driver.monitor(command),
    },
    dispose: async () => {
      try {
        await supervisor.stop();
      } finally {
        supervisor.dispose();
      }
    },
  };
}
