// QEMU's command line for Berth's VM, per host OS and accelerator. Pure: the
// driver passes in every path and port, and runs what comes out. QEMU option
// values are comma-separated `key=value` lists, so a `,` inside a value (a
// folder named "a,b") is written `,,`; any other character passes as is,
// since the arguments go to QEMU directly, never through a shell.
import type { VmAccelerator, VmResources } from '../../contract/vm-channels.ts';
import { fwCfg, guestApiPort } from './guest-contract.ts';

export type HostOs = 'linux' | 'darwin' | 'win32';
export type VmArch = 'x86_64' | 'aarch64';

export interface QemuArgsInput {
  os: HostOs;
  arch: VmArch;
  accelerator: VmAccelerator;
  resources: Pick<VmResources, 'cpus' | 'memoryMiB'>;
  kernel: string;
  initramfs: string;
  dataDisk: string;
  /** Host loopback port forwarded to the guest's API port. */
  apiPort: number;
  /** Host folders shared into the guest at the same path (9p). */
  shares: readonly string[];
  /** The folder QEMU's own SMB server serves the guest (`smb=`, not on Windows: its own server does). */
  smbFolder?: string | undefined;
  /** fw_cfg name → host file QEMU reads it from (TLS material, the API port, share paths). */
  fwCfgFiles: Readonly<Record<string, string>>;
  /** A unix socket path; on Windows a loopback TCP port instead. */
  qmp: { socket: string } | { port: number };
  consoleLog: string;
  pidFile: string;
}

/** `,` separates QEMU option values; a literal one is doubled. */
export function qemuValue(value: string): string {
  return value.replaceAll(',', ',,');
}

/** The QEMU program for the guest's architecture. */
export function qemuBinaryName(os: HostOs, arch: VmArch): string {
  return `qemu-system-${arch}${os === 'win32' ? '.exe' : ''}`;
}

/** fw_cfg name of the N-th share's path (`opt/berth/share0`, …). */
export function shareFwCfgName(index: number): string {
  return `${fwCfg.sharePrefix}${index}`;
}

/** fw_cfg name of the N-th SMB share (`opt/berth/smb0`, …). */
export function smbFwCfgName(index: number): string {
  return `${fwCfg.smbPrefix}${index}`;
}

function machine(input: QemuArgsInput): string[] {
  if (input.arch === 'aarch64') {
    // virt has no ACPI power button without firmware; gic v3 needs hvf/kvm-capable hosts.
    return [
      '-machine',
      'virt,gic-version=max',
      '-cpu',
      input.accelerator === 'tcg' ? 'max' : 'host',
    ];
  }
  return ['-machine', 'q35', '-cpu', input.accelerator === 'tcg' ? 'max' : 'host'];
}

function accel(accelerator: VmAccelerator): string[] {
  // The default translation cache grows QEMU to ~1.7 GiB resident; 256 MiB keeps it near 900 MiB.
  return ['-accel', accelerator === 'tcg' ? 'tcg,tb-size=256' : accelerator];
}

function kernelAppend(arch: VmArch): string {
  // panic=-1 with -no-reboot: a guest that panics ends QEMU, which the supervisor sees as a crash.
  const console = arch === 'aarch64' ? 'ttyAMA0' : 'ttyS0';
  return `console=${console} panic=-1 quiet loglevel=3`;
}

function network(input: QemuArgsInput): string[] {
  // smb= runs the host's smbd (samba) for each connection to 10.0.2.4:445,
  // with its files in a temporary folder QEMU removes when it exits.
  const smb =
    input.smbFolder !== undefined && input.os !== 'win32'
      ? `,smb=${qemuValue(input.smbFolder)}`
      : '';
  return [
    '-netdev',
    `user,id=net0,hostfwd=tcp:127.0.0.1:${input.apiPort}-:${guestApiPort}${smb}`,
    '-device',
    'virtio-net-pci,netdev=net0',
  ];
}

function shares(input: QemuArgsInput): string[] {
  // QEMU for Windows has no 9p: its folders are SMB shares (vm-shares.ts).
  if (input.os === 'win32') return [];
  return input.shares.flatMap((folder, i) => [
    '-virtfs',
    `local,path=${qemuValue(folder)},mount_tag=share${i},security_model=none,id=share${i}`,
  ]);
}

function fwCfgArgs(files: Readonly<Record<string, string>>): string[] {
  return Object.entries(files).flatMap(([name, file]) => [
    '-fw_cfg',
    `name=${qemuValue(name)},file=${qemuValue(file)}`,
  ]);
}

function qmp(spec: QemuArgsInput['qmp']): string[] {
  if ('port' in spec) return ['-qmp', `tcp:127.0.0.1:${spec.port},server=on,wait=off`];
  return ['-qmp', `unix:${qemuValue(spec.socket)},server=on,wait=off`];
}

export function qemuArgs(input: QemuArgsInput): string[] {
  return [
    '-name',
    'berth-vm',
    ...machine(input),
    ...accel(input.accelerator),
    '-smp',
    String(input.resources.cpus),
    '-m',
    `${input.resources.memoryMiB}M`,
    // No default devices (VGA, floppy, a monitor on stdio): only what is listed here.
    '-nodefaults',
    '-display',
    'none',
    '-no-reboot',
    '-rtc',
    'base=utc,clock=host',
    '-kernel',
    input.kernel,
    '-initrd',
    input.initramfs,
    '-append',
    kernelAppend(input.arch),
    '-drive',
    `file=${qemuValue(input.dataDisk)},format=raw,if=virtio,cache=writeback,discard=unmap`,
    ...network(input),
    '-device',
    'virtio-rng-pci',
    ...shares(input),
    ...fwCfgArgs(input.fwCfgFiles),
    ...qmp(input.qmp),
    '-serial',
    `file:${qemuValue(input.consoleLog)}`,
    '-pidfile',
    input.pidFile,
  ];
}
