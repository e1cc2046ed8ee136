// The Files tab's calls: a folder's children and `docker diff` (with sizes).
import type Docker from 'dockerode';
import type { CallHandlers } from '../../../contract/channels.ts';
import type { FileChange } from '../../../contract/container-files-channels.ts';
import { ContractError } from '../../../contract/errors.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import { withSizes } from './change-sizes.ts';
import { listDir } from './list-dir.ts';

/** The engine's Kind numbers in GET /containers/{id}/changes. */
const KINDS: Record<number, FileChange['kind']> = { 0: 'changed', 1: 'added', 2: 'deleted' };

export function containerFileHandlers(
  clients: () => { calls: Docker; streams: Docker },
): Pick<CallHandlers, 'containers.listDir' | 'containers.diff'> {
  return {
    'containers.listDir': ({ id, path }) => listDir(clients(), id, path),
    'containers.diff': async (id) => {
      try {
        const { calls } = clients();
        const changes = (await calls.getContainer(id).changes()) as
          { Path: string; Kind: number }[] | null;
        const listed = (changes ?? []).map((c) => ({
          path: c.Path,
          kind: KINDS[c.Kind] ?? 'changed',
        }));
        return await withSizes(calls, id, listed);
      } catch (err) {
        throw new ContractError(toErrorEnvelope(err, `Couldn't read the changes of ${id}`));
      }
    },
  };
}
