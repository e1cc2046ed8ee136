import { describe, expect, it } from 'vitest';
import { qemuArgs, qemuBinaryName, qemuValue, type QemuArgsInput } from './qemu-args.ts';

function input(over: Partial<QemuArgsInput> = {}): QemuArgsInput {
  return {
    os: 'linux',
    arch: 'x86_64',
    accelerator: 'tcg',
    resources: { cpus: 3, memoryMiB: 3072 },
    kernel: '/img/vmlinuz',
    initramfs: '/img/initramfs.img',
    dataDisk: '/data/vm/data.img',
    apiPort: 41234,
    shares: ['/home/me'],
    fwCfgFiles: { 'opt/berth/host-api-port': '/data/vm/fw_cfg/host-api-port' },
    qmp: { socket: '/data/vm/qmp.sock' },
    consoleLog: '/data/vm/console.log',
    pidFile: '/data/vm/qemu.pid',
    ...over,
  };
}

/** The value after each occurrence of `flag`. */
function values(args: string[], flag: string): string[] {
  return args.flatMap((a, i) => (a === flag ? [args[i + 1]!] : []));
}

describe('QEMU arguments', () => {
  it('runs TCG with a bounded translation cache, q35, the resources, and no devices but ours', () => {
    const args = qemuArgs(input());
    expect(values(args, '-accel')).toEqual(['tcg,tb-size=256']);
    expect(values(args, '-machine')).toEqual(['q35']);
    expect(values(args, '-cpu')).toEqual(['max']);
    expect(values(args, '-smp')).toEqual(['3']);
    expect(values(args, '-m')).toEqual(['3072M']);
    expect(args).toContain('-nodefaults');
    expect(args).toContain('-no-reboot');
    expect(values(args, '-display')).toEqual(['none']);
    expect(values(args, '-rtc')).toEqual(['base=utc,clock=host']);
  });

  it('boots the image kernel with its console on the serial port, written to the console log', () => {
    const args = qemuArgs(input());
    expect(values(args, '-kernel')).toEqual(['/img/vmlinuz']);
    expect(values(args, '-initrd')).toEqual(['/img/initramfs.img']);
    expect(values(args, '-append')[0]).toMatch(/^console=ttyS0 /);
    expect(values(args, '-append')[0]).toContain('panic=-1');
    expect(values(args, '-serial')).toEqual(['file:/data/vm/console.log']);
    expect(values(args, '-pidfile')).toEqual(['/data/vm/qemu.pid']);
  });

  it('attaches the raw data disk over virtio and forwards only loopback to the guest API port', () => {
    const args = qemuArgs(input());
    expect(values(args, '-drive')[0]).toMatch(/^file=\/data\/vm\/data\.img,format=raw,if=virtio/);
    expect(values(args, '-netdev')).toEqual(['user,id=net0,hostfwd=tcp:127.0.0.1:41234-:2376']);
    expect(values(args, '-device')).toContain('virtio-net-pci,netdev=net0');
  });

  it('shares each folder over 9p with a numbered tag, and hands fw_cfg files to the guest', () => {
    const args = qemuArgs(
      input({
        shares: ['/home/me', '/srv/data'],
        fwCfgFiles: { 'opt/berth/share0': '/f/share0', 'opt/berth/share1': '/f/share1' },
      }),
    );
    expect(values(args, '-virtfs')).toEqual([
      'local,path=/home/me,mount_tag=share0,security_model=none,id=share0',
      'local,path=/srv/data,mount_tag=share1,security_model=none,id=share1',
    ]);
    expect(values(args, '-fw_cfg')).toEqual([
      'name=opt/berth/share0,file=/f/share0',
      'name=opt/berth/share1,file=/f/share1',
    ]);
    expect(values(args, '-qmp')).toEqual(['unix:/data/vm/qmp.sock,server=on,wait=off']);
  });

  it('doubles commas in every path QEMU parses as an option list, so a folder cannot add options', () => {
    const hostile = '/home/me/a,b,mount_tag=evil,readonly=off';
    const args = qemuArgs(
      input({
        shares: [hostile],
        dataDisk: '/d,x/data.img',
        consoleLog: '/d,x/console.log',
        qmp: { socket: '/d,x/qmp.sock' },
        fwCfgFiles: { 'opt/berth/share0': '/d,x/share0' },
      }),
    );
    expect(values(args, '-virtfs')[0]).toBe(
      'local,path=/home/me/a,,b,,mount_tag=evil,,readonly=off,mount_tag=share0,security_model=none,id=share0',
    );
    expect(values(args, '-drive')[0]).toMatch(/^file=\/d,,x\/data\.img,format=raw/);
    expect(values(args, '-serial')).toEqual(['file:/d,,x/console.log']);
    expect(values(args, '-qmp')).toEqual(['unix:/d,,x/qmp.sock,server=on,wait=off']);
    expect(values(args, '-fw_cfg')).toEqual(['name=opt/berth/share0,file=/d,,x/share0']);
    expect(qemuValue('a,,b')).toBe('a,,,,b');
  });

  it('serves a folder over SMB from QEMU’s own server (smb=, comma doubled) beside 9p, never on Windows', () => {
    const args = qemuArgs(input({ smbFolder: '/tmp/my share,x' }));
    expect(values(args, '-netdev')).toEqual([
      'user,id=net0,hostfwd=tcp:127.0.0.1:41234-:2376,smb=/tmp/my share,,x',
    ]);
    expect(values(args, '-virtfs')).toHaveLength(1);
    // Windows: the guest mounts the user's share from the host's own SMB server at 10.0.2.2.
    const windows = qemuArgs(input({ os: 'win32', smbFolder: 'C:\\Users', shares: [] }));
    expect(values(windows, '-netdev')).toEqual(['user,id=net0,hostfwd=tcp:127.0.0.1:41234-:2376']);
  });

  it('uses KVM with the host CPU on Linux when it answers', () => {
    const args = qemuArgs(input({ accelerator: 'kvm' }));
    expect(values(args, '-accel')).toEqual(['kvm']);
    expect(values(args, '-cpu')).toEqual(['host']);
  });

  it('uses HVF on macOS, with virt and the arm console on Apple silicon', () => {
    const intel = qemuArgs(input({ os: 'darwin', accelerator: 'hvf' }));
    expect(values(intel, '-accel')).toEqual(['hvf']);
    expect(values(intel, '-machine')).toEqual(['q35']);
    const arm = qemuArgs(input({ os: 'darwin', arch: 'aarch64', accelerator: 'hvf' }));
    expect(values(arm, '-machine')[0]).toMatch(/^virt/);
    expect(values(arm, '-cpu')).toEqual(['host']);
    expect(values(arm, '-append')[0]).toMatch(/^console=ttyAMA0 /);
    expect(values(arm, '-virtfs')).toHaveLength(1);
    expect(qemuBinaryName('darwin', 'aarch64')).toBe('qemu-system-aarch64');
  });

  it('uses WHPX on Windows, QMP on a loopback port, and no 9p (the guest mounts the folder over SMB)', () => {
    const args = qemuArgs(
      input({
        os: 'win32',
        accelerator: 'whpx',
        shares: ['C:\\Users\\me'],
        qmp: { port: 45555 },
        fwCfgFiles: { 'opt/berth/share0': 'C:\\Berth\\vm\\fw_cfg\\share0' },
      }),
    );
    expect(values(args, '-accel')).toEqual(['whpx']);
    expect(values(args, '-virtfs')).toEqual([]);
    expect(values(args, '-qmp')).toEqual(['tcp:127.0.0.1:45555,server=on,wait=off']);
    expect(values(args, '-fw_cfg')).toEqual([
      'name=opt/berth/share0,file=C:\\Berth\\vm\\fw_cfg\\share0',
    ]);
    expect(qemuBinaryName('win32', 'x86_64')).toBe('qemu-system-x86_64.exe');
  });

  it('falls back to TCG with the max CPU model on every OS', () => {
    for (const os of ['linux', 'darwin', 'win32'] as const) {
      const args = qemuArgs(input({ os, accelerator: 'tcg' }));
      expect(values(args, '-accel')).toEqual(['tcg,tb-size=256']);
      expect(values(args, '-cpu')).toEqual(['max']);
    }
  });
});
