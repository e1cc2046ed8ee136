// Questions about the engine in use that the pages and dialogs need (local
// images and what they declare, networks), and removing an image.
import type Docker from 'dockerode';
import type { CallHandlers } from '../contract/channels.ts';
import { ContractError } from '../contract/errors.ts';
import { toErrorEnvelope } from './engine-errors.ts';

export function engineQueries(
  docker: () => Docker,
): Pick<
  CallHandlers,
  'images.list' | 'images.inspect' | 'images.remove' | 'networks.list' | 'containers.inspect'
> {
  return {
    'containers.inspect': async (id) => {
      try {
        return (await docker().getContainer(id).inspect()) as unknown as Record<string, unknown>;
      } catch (err) {
        throw new ContractError(toErrorEnvelope(err, `Couldn't inspect ${id}`));
      }
    },
    'images.list': async () =>
      (await docker().listImages()).map((i) => ({
        id: i.Id,
        repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
        created: i.Created,
        size: i.Size,
      })),
    'images.inspect': async (ref) => {
      try {
        const i = await docker().getImage(ref).inspect();
        return {
          id: i.Id,
          repoTags: i.RepoTags ?? [],
          exposedPorts: Object.keys(i.Config?.ExposedPorts ?? {}),
          volumes: Object.keys(i.Config?.Volumes ?? {}),
          cmd: i.Config?.Cmd ?? [],
          entrypoint:
            typeof i.Config?.Entrypoint === 'string'
              ? [i.Config.Entrypoint]
              : (i.Config?.Entrypoint ?? []),
          workingDir: i.Config?.WorkingDir ?? '',
          user: i.Config?.User ?? '',
        };
      } catch (err) {
        throw new ContractError(toErrorEnvelope(err, `Couldn't read the image ${ref}`));
      }
    },
    'images.remove': async (ref, options) => {
      try {
        // As `docker rmi TAG...` of every tag: the engine refuses an id with several tags.
        const image = await docker().getImage(ref).inspect();
        const force = options?.force ?? false;
        const names = force || !image.RepoTags?.length ? [image.Id] : image.RepoTags;
        for (const name of names) await docker().getImage(name).remove({ force });
      } catch (err) {
        const envelope = toErrorEnvelope(err, `Couldn't remove the image ${ref}`);
        const inUse = /being used by|is using its referenced image/.test(
          envelope.engineMessage ?? '',
        );
        throw new ContractError(
          inUse
            ? {
                ...envelope,
                hint: 'A container uses it: remove that container first (Containers page), or force the removal.',
              }
            : envelope,
        );
      }
    },
    'networks.list': async () =>
      (await docker().listNetworks()).map((n) => ({
        id: n.Id,
        name: n.Name,
        driver: n.Driver,
      })),
  };
}
