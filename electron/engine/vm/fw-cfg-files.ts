// The files QEMU hands the guest through fw_cfg (guest-contract.ts): the TLS
// material, the host's API port (the guest refuses it to containers), one
// file per shared folder holding its path, one per SMB share (server, share,
// mount path) and the SMB login. Also the API port kept for the next start, so
// the Docker context stays valid.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../../contract/errors.ts';
import { fwCfg } from './guest-contract.ts';
import { shareFwCfgName, smbFwCfgName } from './qemu-args.ts';
import type { VmTlsFiles } from './vm-certs.ts';
import type { VmLayout } from './vm-layout.ts';
import type { SmbShare } from './vm-shares.ts';

/**
 * The login for the VM's SMB shares (Windows: a Windows account that may read
 * the shared folders): `username=NAME` and `password=WORDS` lines (`domain=`
 * too), kept by the user at 0600 beside the VM's TLS material. Absent: the
 * guest logs in as a guest.
 */
export const smbCredentialsFile = (layout: VmLayout) => path.join(layout.vmDir, 'smb-credentials');

/** What is wrong with an SMB credentials file, in words for the user; null when it may be used. */
export function smbCredentialsProblem(text: string): string | null {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const known = /^(username|password|domain)=/;
  const odd = lines.find((l) => !known.test(l));
  if (odd !== undefined)
    return `a line is not username=, password= or domain=: ${JSON.stringify(odd.slice(0, 40))}`;
  if (!lines.some((l) => /^username=./.test(l))) return 'it names no user (username=NAME)';
  // The guest passes them as mount options: busybox mount splits those at commas.
  if (lines.some((l) => /[,\0]/.test(l)))
    return 'a comma or NUL in a value cannot be passed to the VM';
  return null;
}

/** The `smb<N>` fw_cfg file's text: where the guest finds the share and where it mounts it. */
export function smbFwCfgText(share: SmbShare): string {
  return `server=${share.server}\nshare=${share.share}\npath=${share.mountPath}\n`;
}

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
  smbShares: readonly SmbShare[] = [],
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
  for (const [i, share] of smbShares.entries()) {
    const file = path.join(layout.fwCfgDir, `smb${i}`);
    await writeFile(file, smbFwCfgText(share));
    files[smbFwCfgName(i)] = file;
  }
  if (smbShares.length) {
    const credentials = await readSmbCredentials(layout);
    if (credentials) files[fwCfg.smbCredentials] = credentials;
  }
  return files;
}

/** The credentials file when there is one (checked), else null. */
async function readSmbCredentials(layout: VmLayout): Promise<string | null> {
  const file = smbCredentialsFile(layout);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const problem = smbCredentialsProblem(text);
  if (problem) {
    throw new ContractError({
      kind: 'bad-request',
      message: `The VM's SMB login in ${file} cannot be used: ${problem}.`,
      hint: 'Write it as two lines, username=NAME and password=WORDS, or remove the file to log in as a guest.',
    });
  }
  return file;
}
