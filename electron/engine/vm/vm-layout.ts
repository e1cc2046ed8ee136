// Where Berth's VM keeps its files: everything under `<dataDir>/vm/`, except
// the QMP socket when that path would pass the 107 bytes a unix socket path
// may hold: it then moves to a short folder named after a hash of the VM
// folder, so every session finds the same socket.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { maxSocketPathBytes } from '../managed-layout.ts';

export interface VmLayout {
  vmDir: string;
  /** Raw sparse disk holding the guest's /var/lib/docker. */
  dataDisk: string;
  /** The serial console (kernel, guest init, dockerd's last words), written by QEMU. */
  consoleLog: string;
  /** The console of the run before, so a crash's cause survives a restart. */
  previousConsoleLog: string;
  qmpSocket: string;
  /** QEMU writes its pid here (`-pidfile`). */
  pidFile: string;
  /** Held by the app process that runs the VM (O_EXCL, holding its pid). */
  lockFile: string;
  /** Per-VM TLS: the CA's key and the server's material stay here. */
  tlsDir: string;
  /** The client's files in the Docker CLI's layout (ca.pem, cert.pem, key.pem). */
  clientCertDir: string;
  /** fw_cfg files QEMU reads at start (the API port, shared folder paths). */
  fwCfgDir: string;
  /** The resources and accelerator the running VM was started with. */
  runFile: string;
}

export function vmLayout(dataDir: string, shortBase = os.tmpdir()): VmLayout {
  const vmDir = path.join(path.resolve(dataDir), 'vm');
  let qmpSocket = path.join(vmDir, 'qmp.sock');
  if (Buffer.byteLength(qmpSocket) > maxSocketPathBytes) {
    const hash = createHash('sha256').update(vmDir).digest('hex').slice(0, 12);
    qmpSocket = path.join(shortBase, `berth-vm-${hash}.qmp`);
  }
  const tlsDir = path.join(vmDir, 'tls');
  return {
    vmDir,
    dataDisk: path.join(vmDir, 'data.img'),
    consoleLog: path.join(vmDir, 'console.log'),
    previousConsoleLog: path.join(vmDir, 'console.previous.log'),
    qmpSocket,
    pidFile: path.join(vmDir, 'qemu.pid'),
    lockFile: path.join(vmDir, 'vm.lock'),
    tlsDir,
    clientCertDir: path.join(tlsDir, 'client'),
    fwCfgDir: path.join(vmDir, 'fw_cfg'),
    runFile: path.join(vmDir, 'running.json'),
  };
}
