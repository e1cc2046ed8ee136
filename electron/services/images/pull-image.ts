// `docker pull` as a stream of PullLines, with the registry deadlines of
// registry-stream.ts and the user's credentials for the registry, if any.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { RegistryAuth } from '../registries/registry-auth.ts';
import { registryTransferStream, type Deadlines } from './registry-stream.ts';

export interface PullOptions extends Deadlines {
  /** `os/arch[/variant]`: the engine's own when absent. */
  platform?: string;
  /** Sent as X-Registry-Auth; anonymous when absent. */
  auth?: () => Promise<RegistryAuth | undefined>;
}

/** The engine's pull of `ref` as a byte stream of PullLines; failures end it with a ContractError. */
export function pullImageStream(docker: Docker, ref: string, opts: PullOptions = {}): Readable {
  return registryTransferStream({
    ...opts,
    verb: 'pull',
    ref,
    start: async (abortSignal) => {
      const authconfig = await opts.auth?.();
      return docker.pull(ref, {
        abortSignal,
        ...(opts.platform ? { platform: opts.platform } : {}),
        ...(authconfig ? { authconfig } : {}),
      }) as Promise<NodeJS.ReadableStream>;
    },
  });
}

/** Pulls `ref` to the end; rejects with the stream's ContractError. */
export function pullImage(docker: Docker, ref: string, opts: PullOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = pullImageStream(docker, ref, opts);
    stream.on('data', () => {});
    stream.once('end', resolve);
    stream.once('error', reject);
  });
}
