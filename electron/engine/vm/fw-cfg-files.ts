// The files QEMU hands the guest through fw_cfg (guest-contract.ts): the TLS
// material, the host's API port (the guest refuses it to containers) and one
// file per shared folder holding its path. Also the API port kept for the next
// start, so the Docker context stays valid.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fwCfg } from './guest-contract.ts';
import { shareFwCfgName } from './qemu-args.ts';
import type { VmTlsFiles } from './vm-certs.ts';
import type { VmLayout } from './vm-layout.ts';

const portFile = (layout: VmLayout) => path.join(layout.fwCfgDir, 'host-api-port');
const savedPortFile = (layout: VmLayout) => path.join(layout.vmDir, 'api-port');

export async function writeApiPort(layout: VmLayout, port: number): Promise<void> {
  await mkdir(layout.fwCfgDir, { recursive: true, mode: 0o700 });
  await writeFile(portFile(layout), String(port));
  await writeFile(savedPortFile(layout), `${port}\n`);
}

/** The API port of the last start, or null. */
export async function savedApiPort(layout: VmLayout): Promise<number | null> {
  try {
    const port = Number.parseInt(await readFile(savedPortFile(layout), 'utf8'), 10);
    return Number.isInteger(port) && port > 0 && port < 65_536 ? port : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** fw_cfg name → host file, written where needed; the API port's file comes from writeApiPort. */
export async function writeFwCfgFiles(
  layout: VmLayout,
  tls: VmTlsFiles,
  shares: readonly string[],
): Promise<Record<string, string>> {
  await mkdir(layout.fwCfgDir, { recursive: true, mode: 0o700 });
  const files: Record<string, string> = {
    [fwCfg.caCert]: tls.ca,
    [fwCfg.serverCert]: tls.serverCert,
    [fwCfg.serverKey]: tls.serverKey,
    [fwCfg.hostApiPort]: portFile(layout),
  };
  for (const [i, folder] of shares.entries()) {
    const file = path.join(layout.fwCfgDir, `share${i}`);
    await writeFile(file, folder);
    files[shareFwCfgName(i)] = file;
  }
  return files;
}
