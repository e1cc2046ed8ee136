// The managed VM's part of the contract: what the Engine page shows about
// Berth's Linux VM (its image, accelerator, resources, disk, forwarded ports)
// and what it may change. The VM's lifecycle is the engine's (engine.start,
// engine.stop, engine.restart, engine.reset); its status rides on
// `engine.status` as `vm` (see engine-types.ts).
import { z } from 'zod';

/** What the VM is given. Disk size only grows: shrinking would lose data. */
export interface VmResources {
  cpus: number;
  memoryMiB: number;
  diskGiB: number;
}

export type VmAccelerator = 'hvf' | 'whpx' | 'kvm' | 'tcg';

export interface VmStatus {
  /** The image's recipe version and build, from its manifest; null when no image is installed. */
  image: { version: string; kernel: string; dockerd: string } | null;
  /** The accelerator QEMU runs with now (null until it started). */
  accelerator: VmAccelerator | null;
  /** Why the VM is slower than it could be (no hardware acceleration here), in plain words. */
  warning?: string;
  /** What the running VM was started with. */
  running?: VmResources;
  /** What the settings say; differs from `running` until a restart. */
  settings: VmResources;
  restartRequired: boolean;
  /**
   * The data disk file on the host (raw, sparse): the bytes it takes on this
   * computer (blocks ever written, not what the VM freed since) and its size.
   */
  diskFile?: { usedBytes: number; sizeBytes: number };
  /**
   * The data disk as the guest's file system counts it (what images,
   * containers and volumes hold), from the running VM's last report; `full`
   * when too little is left for pulls, builds and new containers.
   */
  diskUse?: { usedBytes: number; sizeBytes: number; availableBytes: number; full: boolean };
  /** Host folders shared into the VM at the same path. */
  sharedFolders: string[];
  /** Published ports that could not be forwarded to the host's loopback, and why. */
  portProblems: {
    port: number;
    protocol: 'tcp' | 'udp' | 'sctp';
    container: string;
    reason: string;
  }[];
  /** The host port the engine's API is forwarded to (TLS, client certificates). */
  apiPort?: number;
}

/** Bounds of the settings form; the host's own limits are checked by the service. */
export const vmResourceLimits = {
  cpus: { min: 1, max: 64 },
  memoryMiB: { min: 512, max: 262_144 },
  diskGiB: { min: 4, max: 2_048 },
} as const;

/** A new VM: two CPUs, 2 GiB of memory, a 64 GiB data disk (sparse: it takes what it holds). */
export const DEFAULT_VM_RESOURCES: VmResources = { cpus: 2, memoryMiB: 2048, diskGiB: 64 };

export const vmResources = z
  .object({
    cpus: z.number().int().min(vmResourceLimits.cpus.min).max(vmResourceLimits.cpus.max),
    memoryMiB: z
      .number()
      .int()
      .min(vmResourceLimits.memoryMiB.min)
      .max(vmResourceLimits.memoryMiB.max),
    diskGiB: z.number().int().min(vmResourceLimits.diskGiB.min).max(vmResourceLimits.diskGiB.max),
  })
  .strict();

export interface VmCalls {
  /** Saves the VM's resources; they apply at its next start ("restart required"). */
  'vm.setResources': { args: [resources: VmResources]; result: VmStatus };
}

export const vmCallArgs: { [K in keyof VmCalls]: z.ZodType<VmCalls[K]['args']> } = {
  'vm.setResources': z.tuple([vmResources]),
};

export interface VmStreams {
  /** The VM's serial console (kernel, guest init, dockerd): the last `tail` lines, then new ones. */
  'vm.console': { args: [query: { tail: number }] };
}

export const vmStreamArgs: { [K in keyof VmStreams]: z.ZodType<VmStreams[K]['args']> } = {
  'vm.console': z.tuple([z.object({ tail: z.number().int().min(0).max(100_000) }).strict()]),
};
