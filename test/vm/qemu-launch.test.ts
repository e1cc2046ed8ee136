// QEMU's own start-up failures, with the real QEMU and no guest boot: QEMU is
// quit through QMP as soon as it answers. The API port taken by another
// program makes the launch pick another; a hardware accelerator QEMU cannot use
// (here KVM opens, then QEMU aborts in it: no nested virtualisation) falls back
// to TCG with a warning.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/engine/clock.ts';
import { signalProcess } from '../../electron/engine/processes.ts';
import { kvmUsable, tcgWarning } from '../../electron/engine/vm/accelerator.ts';
import { findQemu } from '../../electron/engine/vm/find-qemu.ts';
import { freeLoopbackPort } from '../../electron/engine/vm/free-port.ts';
import { qemuArgs } from '../../electron/engine/vm/qemu-args.ts';
import { launchQemu, type Launched } from '../../electron/engine/vm/qemu-launch.ts';
import type { VmAccelerator } from '../../electron/contract/vm-channels.ts';

const imageDir = process.env.BERTH_VM_IMAGE_DIR!;
let dir: string;
let qemu: string;
const started: number[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-qemu-launch-'));
  await writeFile(path.join(dir, 'data.img'), '');
  await truncate(path.join(dir, 'data.img'), 1 << 30);
  qemu = await findQemu({ os: 'linux', arch: 'x86_64' });
});

afterAll(async () => {
  for (const pid of started) signalProcess(pid, 'SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

function launch(accelerator: VmAccelerator, apiPort: number) {
  return launchQemu({
    qemu,
    choice: { accelerator },
    apiPort,
    pickPort: () => freeLoopbackPort(),
    args: (accel, port) =>
      qemuArgs({
        os: 'linux',
        arch: 'x86_64',
        accelerator: accel,
        resources: { cpus: 1, memoryMiB: 512 },
        kernel: path.join(imageDir, 'vmlinuz'),
        initramfs: path.join(imageDir, 'initramfs.img'),
        dataDisk: path.join(dir, 'data.img'),
        apiPort: port,
        shares: [],
        fwCfgFiles: {},
        qmp: { socket: path.join(dir, 'qmp.sock') },
        consoleLog: path.join(dir, 'console.log'),
        pidFile: path.join(dir, 'qemu.pid'),
      }),
    qmp: { socket: path.join(dir, 'qmp.sock') },
    errorLog: path.join(dir, 'qemu.log'),
    clock: systemClock,
    signal: AbortSignal.timeout(60_000),
    onSpawn: (child) => {
      if (child.pid) started.push(child.pid);
    },
  });
}

async function quit(launched: Launched): Promise<void> {
  const exited = new Promise((resolve) => launched.child.once('exit', resolve));
  await launched.qmp.execute('quit').catch(() => {});
  await exited;
}

describe('starting QEMU', () => {
  it('picks another API port when the one it was given is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const launched = await launch('tcg', port);
      expect(launched.apiPort).not.toBe(port);
      expect(launched.argv.join(' ')).toContain(`hostfwd=tcp:127.0.0.1:${launched.apiPort}-:2376`);
      await quit(launched);
    } finally {
      taken.close();
    }
  });

  it('falls back to TCG with a warning when QEMU cannot use KVM', async () => {
    // Where /dev/kvm cannot even be opened, QEMU refuses KVM at once: the same path.
    const launched = await launch('kvm', await freeLoopbackPort());
    try {
      if (launched.choice.accelerator === 'kvm') {
        // A host with working KVM: nothing to fall back from.
        expect((await kvmUsable()).ok).toBe(true);
      } else {
        expect(launched.choice.accelerator).toBe('tcg');
        expect(launched.choice.warning).toContain(
          tcgWarning('QEMU could not use kvm').split('(')[0]!,
        );
        expect(launched.choice.warning).toMatch(/QEMU could not use kvm/);
      }
    } finally {
      await quit(launched);
    }
  });
});
