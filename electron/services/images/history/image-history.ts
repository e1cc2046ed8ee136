// `images.history`: the engine's history of an image with each step cleaned,
// its layers (RootFS.Layers) and the local images it was built from.
import type Docker from 'dockerode';
import type { CallHandlers } from '../../../contract/channels.ts';
import { ContractError } from '../../../contract/errors.ts';
import { cleanHistory, cliCreatedBy } from '../../../contract/image-history/created-by.ts';
import type { ImageHistory, ImageHistoryEntry } from '../../../contract/image-history-channels.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import { findBases, type ImageChain } from './base-images.ts';

/** One step as the engine's `GET /images/{name}/history` answers. */
interface EngineHistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export function imageHistoryHandlers(docker: () => Docker): Pick<CallHandlers, 'images.history'> {
  // An image id names the same layers for ever: a base search asks each image once.
  const layersById = new Map<string, string[]>();
  const layersOf = async (id: string): Promise<string[]> => {
    const known = layersById.get(id);
    if (known) return known;
    const layers = (await docker().getImage(id).inspect()).RootFS?.Layers ?? [];
    if (layersById.size >= 5000) layersById.clear();
    layersById.set(id, layers);
    return layers;
  };
  const historyOf = async (ref: string) =>
    ((await docker().getImage(ref).history()) as EngineHistoryItem[]).map(entryOf).reverse();

  return {
    'images.history': async (ref): Promise<ImageHistory> => {
      try {
        const image = await docker().getImage(ref).inspect();
        const diffIds = image.RootFS?.Layers ?? [];
        layersById.set(image.Id, diffIds);
        const oldestFirst = await historyOf(image.Id);
        const steps = cleanHistory(oldestFirst);
        oldestFirst.forEach((e, i) => (e.step = steps[i]!));
        const others: ImageChain[] = (await docker().listImages())
          .filter((i) => i.Id !== image.Id)
          .map((i) => ({ id: i.Id, repoTags: i.RepoTags ?? [], created: i.Created }));
        const bases = await findBases(
          {
            id: image.Id,
            repoTags: image.RepoTags ?? [],
            created: Math.floor(Date.parse(image.Created) / 1000),
            diffIds,
            history: oldestFirst,
          },
          others,
          {
            // An image removed since the list is no base.
            layersOf: (id) => goneAsEmpty(layersOf(id)),
            historyOf: (id) => goneAsEmpty(historyOf(id)),
          },
        );
        return {
          imageId: image.Id,
          repoTags: image.RepoTags ?? [],
          entries: oldestFirst.reverse(),
          diffIds,
          bases,
        };
      } catch (err) {
        if (err instanceof ContractError) throw err;
        throw new ContractError(toErrorEnvelope(err, `Couldn't read the history of ${ref}`));
      }
    },
  };
}

async function goneAsEmpty<T>(answer: Promise<T[]>): Promise<T[]> {
  try {
    return await answer;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return [];
    throw err;
  }
}

function entryOf(item: EngineHistoryItem): ImageHistoryEntry {
  const createdBy = item.CreatedBy ?? '';
  return {
    ...(item.Id && item.Id !== '<missing>' ? { id: item.Id } : {}),
    created: item.Created,
    createdBy,
    cliText: cliCreatedBy(createdBy),
    step: { instruction: '', args: '' },
    size: item.Size,
    comment: item.Comment ?? '',
    tags: (item.Tags ?? []).filter((t) => t !== '<none>:<none>'),
  };
}
