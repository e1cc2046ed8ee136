// Booting the VM image under QEMU for tests and the bench, the way a person
// would by hand: TCG (no KVM here), the serial console in a file, a QMP socket.
// Every run has a hard deadline after which QEMU is killed (by coreutils'
// `timeout`, so even a test process that dies leaves no QEMU behind), and
// `kill()` is safe to call whatever state the run is in: call it in afterAll.
//
// This is test plumbing, not the product's launcher (electron/engine/vm/ has
// that); it follows native/vm/README.md's guest contract.
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { consoleMarker } from '../../electron/engine/vm/guest-contract.ts';

export interface QemuOptions {
  imageDir: string;
  /** Folder for console.log and qmp.sock. */
  dir: string;
  /** Raw data disk (virtio-blk, /dev/vda in the guest). */
  disk?: string;
  /** fw_cfg files: name -> host file. */
  fwCfg?: Record<string, string>;
  /** Host ports forwarded to guest ports on 127.0.0.1. */
  hostfwd?: { host: number; guest: number }[];
  /** Hard deadline for the whole run: QEMU is killed then. */
  lifetimeMs: number;
  memoryMiB?: number;
}

export interface QemuRun {
  /** QEMU's own pid once it has written its pid file, else undefined. */
  qemuPid(): number | undefined;
  readonly startedAt: number;
  readonly consolePath: string;
  readonly qmpPath: string;
  /** Resolves with ms since QEMU started once the console shows `text`; rejects on an error marker, exit or timeout. */
  waitForConsole(text: string, timeoutMs: number): Promise<number>;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  isRunning(): boolean;
  kill(): void;
}

export function startQemu(options: QemuOptions): QemuRun {
  const consolePath = join(options.dir, 'console.log');
  const qmpPath = join(options.dir, 'qmp.sock');
  const pidPath = join(options.dir, 'qemu.pid');
  const forwards = (options.hostfwd ?? [])
    .map((f) => `,hostfwd=tcp:127.0.0.1:${f.host}-:${f.guest}`)
    .join('');
  const args = [
    ...['-accel', 'tcg,tb-size=256', '-m', String(options.memoryMiB ?? 1024), '-smp', '2'],
    ...['-nographic', '-nodefaults', '-no-reboot', '-monitor', 'none'],
    ...['-kernel', join(options.imageDir, 'vmlinuz')],
    ...['-initrd', join(options.imageDir, 'initramfs.img')],
    ...['-append', 'console=ttyS0 quiet panic=-1'],
    ...['-serial', `file:${consolePath}`],
    ...['-qmp', `unix:${qmpPath},server=on,wait=off`],
    ...['-rtc', 'base=utc,clock=host'],
    ...['-pidfile', pidPath],
    ...['-netdev', `user,id=net0${forwards}`],
    // romfile= : no iPXE option ROM, which only slows the firmware down.
    ...['-device', 'virtio-net-pci,netdev=net0,romfile='],
  ];
  if (options.disk) args.push('-drive', `file=${options.disk},format=raw,if=virtio`);
  for (const [name, file] of Object.entries(options.fwCfg ?? {}))
    args.push('-fw_cfg', `name=${name},file=${file}`);

  const startedAt = Date.now();
  const lifetimeS = String(Math.ceil(options.lifetimeMs / 1000));
  const child = spawn('timeout', ['--kill-after=5', lifetimeS, 'qemu-system-x86_64', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let running = true;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      running = false;
      resolve(code);
    });
    child.on('error', () => {
      running = false;
      resolve(-1);
    });
  });
  const qemuPid = () => {
    try {
      const pid = Number(readFileSync(pidPath, 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  const kill = () => {
    if (!running) return;
    const pid = qemuPid();
    try {
      if (pid) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    // `timeout` passes TERM on to QEMU when QEMU had not written its pid yet.
    if (child.pid) process.kill(child.pid, 'SIGTERM');
  };

  async function waitForConsole(text: string, timeoutMs: number): Promise<number> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const log = await readFile(consolePath, 'utf8').catch(() => '');
      if (log.includes(text)) return Date.now() - startedAt;
      const tail = () => log.split('\n').slice(-15).join('\n');
      if (log.includes(`${consoleMarker}error:`))
        throw new Error(`The guest reported an error while waiting for "${text}":\n${tail()}`);
      if (!running)
        throw new Error(`QEMU exited while waiting for "${text}": ${stderr.trim()}\n${tail()}`);
      if (Date.now() > until)
        throw new Error(`No "${text}" on the console within ${timeoutMs} ms:\n${tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    qemuPid,
    startedAt,
    consolePath,
    qmpPath,
    waitForConsole,
    exited,
    isRunning: () => running,
    kill,
  };
}

/** Sends one QMP command (after the capabilities handshake) and resolves with its answer. */
export function qmpCommand(socketPath: string, command: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let buffer = '';
    let step = 0;
    socket.setTimeout(30_000, () => socket.destroy(new Error(`QMP ${command}: no answer`)));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>;
        buffer = buffer.slice(newline + 1);
        if ('event' in message) continue;
        if ('error' in message) {
          socket.destroy();
          reject(new Error(`QMP ${command}: ${JSON.stringify(message.error)}`));
          return;
        }
        step += 1;
        if (step === 1) socket.write('{"execute":"qmp_capabilities"}\n');
        else if (step === 2) socket.write(`${JSON.stringify({ execute: command })}\n`);
        else {
          socket.end();
          resolve(message.return);
          return;
        }
      }
    });
  });
}
