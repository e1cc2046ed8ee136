// Questions about the engine in use that the pages and dialogs need (local
// images and what they declare, networks), and removing an image.
import type Docker from 'dockerode';
import type { CallHandlers } from '../contract/channels.ts';
import { ContractError } from '../contract/errors.ts';
import { toErrorEnvelope } from './engine-errors.ts';

export function engineQueries(
  docker: () => Docker,
  /** Names of the containers made from an image (the containers mirror), to say which block a removal. */
  containersUsing: (imageId: string) => string[] = () => [],
): Pick<CallHandlers, 'images.inspect' | 'images.remove' | 'containers.inspect'> {
  return {
    'containers.inspect': async (id) => {
      try {
        return (await docker().getContainer(id).inspect()) as unknown as Record<string, unknown>;
      } catch (err) {
        throw new ContractError(toErrorEnvelope(err, `Couldn't inspect ${id}`));
      }
    },
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
      let imageId: string | undefined;
      try {
        const image = await docker().getImage(ref).inspect();
        imageId = image.Id;
        const force = options?.force ?? false;
        // As `docker rmi TAG...` of every tag (the engine refuses an id with several tags), but
        // by id while a container uses it: the engine drops a tag of an image in use without a
        // word while another tag is left, so a refused removal would still lose names. By id it
        // refuses with nothing changed, in its own words.
        const inUse = !force && containersUsing(image.Id).length > 0;
        const names = force || inUse || !image.RepoTags?.length ? [image.Id] : image.RepoTags;
        for (const name of names) await docker().getImage(name).remove({ force });
      } catch (err) {
        const envelope = toErrorEnvelope(err, `Couldn't remove the image ${ref}`);
        const usedBy = /being used by|is using its referenced image|referenced in one or more/.test(
          envelope.engineMessage ?? '',
        );
        if (!usedBy) throw new ContractError(envelope);
        const names = imageId ? containersUsing(imageId) : [];
        const those = names.length > 1 ? 'those containers' : 'that container';
        throw new ContractError({
          ...envelope,
          ...(names.length ? { message: `${envelope.message}: used by ${names.join(', ')}` } : {}),
          hint: `${names.length ? `${names.join(', ')} ${names.length > 1 ? 'use' : 'uses'} it` : 'A container uses it'}: remove ${those} first (Containers page), or force the removal (a running container blocks even that).`,
        });
      }
    },
  };
}
