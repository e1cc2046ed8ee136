// `docker push` as a stream of PullLines, with the pull's registry deadlines
// (registry-stream.ts) and the user's credentials for the registry, if any.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { parseImageReference } from '../../contract/image-reference.ts';
import type { RegistryAuth } from '../registries/registry-auth.ts';
import { registryTransferStream, type Deadlines } from './registry-stream.ts';

export interface PushOptions extends Deadlines {
  auth?: () => Promise<RegistryAuth | undefined>;
}

/** `repo` and `tag` of `ref` as the push API takes them (`latest` when none, as the CLI does). */
export function pushTarget(ref: string): { repo: string; tag: string } {
  const tag = parseImageReference(ref)?.tag;
  if (!tag) return { repo: ref, tag: 'latest' };
  return { repo: ref.slice(0, ref.length - tag.length - 1), tag };
}

export function pushImageStream(docker: Docker, ref: string, opts: PushOptions = {}): Readable {
  const { repo, tag } = pushTarget(ref);
  return registryTransferStream({
    ...opts,
    verb: 'push',
    ref,
    beforeRegistry: (line) => !line.id && line.status.startsWith('The push refers to repository'),
    start: async (abortSignal) => {
      const authconfig = await opts.auth?.();
      // dockerode types push's options loosely; the engine takes the tag as a query.
      const options: Record<string, unknown> = { tag, abortSignal };
      if (authconfig) options.authconfig = authconfig;
      return docker.getImage(repo).push(options) as Promise<NodeJS.ReadableStream>;
    },
  });
}
