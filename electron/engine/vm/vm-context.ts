// The Docker context that lets the user's own CLI reach the VM's engine:
// `docker --context berth-vm ps`. The engine answers on the host's loopback
// over TLS and wants a client certificate, so the context carries the VM's
// client certificates (the CLI verifies the engine against the VM's CA:
// SkipTLSVerify stays false). Written at every start, since the forwarded
// API port may change from one start to the next; removed with the VM.
import path from 'node:path';
import { readTlsMaterial } from '../endpoint-request.ts';
import { dataDirSuffix } from '../managed-layout.ts';
import { removeDockerContext, writeDockerContext } from '../docker-context.ts';

/** The app's default data folder gets `berth-vm`; another folder (tests, a second profile) its own name. */
export function vmContextName(dataDir: string, isDefaultDataDir: boolean): string {
  return isDefaultDataDir ? 'berth-vm' : `berth-vm-${dataDirSuffix(dataDir)}`;
}

export function vmContextHost(apiPort: number): string {
  if (!Number.isInteger(apiPort) || apiPort < 1 || apiPort > 65_535) {
    throw new Error(`${apiPort} is not a port number for the VM's engine API`);
  }
  return `tcp://127.0.0.1:${apiPort}`;
}

/**
 * Writes (or rewrites) the context: host `tcp://127.0.0.1:<apiPort>`, and the
 * client certificates read from `certPath` (ca.pem, cert.pem, key.pem).
 */
export async function writeVmContext(opts: {
  configDir: string;
  name: string;
  apiPort: number;
  certPath: string;
  dataDir: string;
}): Promise<void> {
  let tls;
  try {
    tls = readTlsMaterial(opts.certPath);
  } catch (error) {
    throw new Error(
      `The VM's client certificates in ${opts.certPath} cannot be read for the Docker context "${opts.name}": ${(error as Error).message}`,
      { cause: error },
    );
  }
  await writeDockerContext({
    configDir: opts.configDir,
    name: opts.name,
    host: vmContextHost(opts.apiPort),
    description: `Berth's Linux VM (${path.join(opts.dataDir, 'vm')})`,
    tls,
  });
}

/** Removes the context and its certificates (the VM was deleted); false when there was none. */
export function removeVmContext(opts: { configDir: string; name: string }): Promise<boolean> {
  return removeDockerContext(opts);
}
