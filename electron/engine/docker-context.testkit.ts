// Docker contexts written by hand in the CLI's own format (independent of
// writeDockerContext), and discovery confined to a temp home, for the
// context and discovery tests.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DiscoveryInputs } from './discovery.ts';
import { contextCertPath, contextMetaDir } from './docker-context.ts';

export async function storeContext(
  configDir: string,
  name: string,
  docker: { Host: string; SkipTLSVerify?: boolean },
  opts: { description?: string; tls?: boolean } = {},
): Promise<void> {
  const dir = contextMetaDir(configDir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: opts.description === undefined ? {} : { Description: opts.description },
      Endpoints: { docker: { SkipTLSVerify: false, ...docker } },
    }),
  );
  if (opts.tls) {
    const certs = contextCertPath(configDir, name);
    await mkdir(certs, { recursive: true });
    for (const file of ['ca.pem', 'cert.pem', 'key.pem'])
      await writeFile(path.join(certs, file), 'PEM');
  }
}

/** Discovery confined to the temp home: no real env, no real well-known sockets. */
export function confinedInputs(
  homeDir: string,
  overrides: Partial<DiscoveryInputs> = {},
): DiscoveryInputs {
  return {
    env: {},
    homeDir,
    platform: 'linux',
    wellKnownSockets: [],
    timeoutMs: 2000,
    ...overrides,
  };
}
