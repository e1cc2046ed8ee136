// One VM's QEMU started from its layout, image, resources and shares: where
// QMP listens (a unix socket; loopback TCP on Windows, which has none), the
// arguments for each attempt (launchQemu may retry with TCG or another API
// port), and QEMU's own SMB server kept in the VM's folder.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { VmResources } from '../../contract/vm-channels.ts';
import type { Clock } from '../clock.ts';
import type { AcceleratorChoice } from './accelerator.ts';
import { freeLoopbackPort } from './free-port.ts';
import { qemuArgs, type HostOs, type VmArch } from './qemu-args.ts';
import { launchQemu, type Launched } from './qemu-launch.ts';
import type { VmLayout } from './vm-layout.ts';
import { qemuTmpDir } from './vm-previous.ts';
import type { SmbShare } from './vm-shares.ts';

export interface VmQemuStart {
  os: HostOs;
  arch: VmArch;
  qemu: string;
  choice: AcceleratorChoice;
  apiPort: number;
  /** Another free API port, when QEMU finds this one taken (and records it). */
  pickPort: () => Promise<number>;
  layout: VmLayout;
  imageDir: string;
  resources: VmResources;
  shares: readonly string[];
  smbShares: readonly SmbShare[];
  fwCfgFiles: Parameters<typeof qemuArgs>[0]['fwCfgFiles'];
  clock: Clock;
  signal: AbortSignal;
}

export async function startVmQemu(v: VmQemuStart): Promise<Launched> {
  // QEMU for Windows serves QMP on loopback TCP (no unix sockets there); untested here.
  const qmp =
    v.os === 'win32' ? { port: await freeLoopbackPort() } : { socket: v.layout.qmpSocket };
  // On Windows the guest reaches the host's own SMB server instead of QEMU's.
  const smbFolder = v.os === 'win32' ? undefined : v.smbShares[0]?.folder;
  return launchQemu({
    qemu: v.qemu,
    choice: v.choice,
    apiPort: v.apiPort,
    pickPort: v.pickPort,
    args: (accelerator, apiPort) =>
      qemuArgs({
        os: v.os,
        arch: v.arch,
        accelerator,
        resources: v.resources,
        kernel: path.join(v.imageDir, 'vmlinuz'),
        initramfs: path.join(v.imageDir, 'initramfs.img'),
        dataDisk: v.layout.dataDisk,
        apiPort,
        shares: v.shares,
        smbFolder,
        fwCfgFiles: v.fwCfgFiles,
        qmp,
        consoleLog: v.layout.consoleLog,
        pidFile: v.layout.pidFile,
      }),
    qmp,
    errorLog: path.join(v.layout.vmDir, 'qemu.log'),
    ...(smbFolder !== undefined ? { env: await smbEnv(v.layout) } : {}),
    clock: v.clock,
    signal: v.signal,
    onSpawn: (child) => {
      // Stopped mid-boot: the supervisor sees no process yet, so this child is ours to end.
      v.signal.addEventListener('abort', () => child.kill('SIGKILL'), { once: true });
    },
  });
}

/** QEMU's SMB server (smbd) gets a TMPDIR in the VM's folder: what a killed QEMU leaves there is removed later. */
async function smbEnv(layout: VmLayout): Promise<NodeJS.ProcessEnv> {
  const tmp = qemuTmpDir(layout);
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  return { ...process.env, TMPDIR: tmp };
}
