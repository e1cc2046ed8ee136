// `docker image prune [-a]`: a preview worked out from the engine's lists
// (prune-plan.ts has the rules), the prune itself, and the build cache from
// `/system/df` (the classic builder keeps none; BuildKit does).
import type Docker from 'dockerode';
import { ContractError } from '../../../contract/errors.ts';
import type {
  PrunePreview,
  PruneResult,
  PrunedImage,
} from '../../../contract/image-commit-channels.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import { layerSizesFromHistory } from '../shared-size.ts';
import { bytesFreed, planPrune, type PruneCandidate } from './prune-plan.ts';

/** Inspect and history calls in flight at once: enough to be quick, few enough to leave the engine free. */
const PARALLEL = 6;

async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      out[at] = await work(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return out;
}

const named = (tags: readonly string[] | undefined) =>
  (tags ?? []).filter((t) => t !== '<none>:<none>');
const digests = (refs: readonly string[] | undefined) =>
  (refs ?? []).filter((r) => r !== '<none>@<none>');

export async function prunePreview(docker: Docker, all: boolean): Promise<PrunePreview> {
  try {
    // `all`: intermediate images too (untagged parents), which a prune may take with their children.
    const [listed, containers, buildCache] = await Promise.all([
      docker.listImages({ all: true }),
      docker.listContainers({ all: true }),
      buildCacheOf(docker),
    ]);
    const candidates: PruneCandidate[] = await eachLimited(listed, async (i) => {
      const inspect = await docker.getImage(i.Id).inspect();
      return {
        id: i.Id,
        parentId: i.ParentId ?? '',
        repoTags: named(i.RepoTags),
        repoDigests: digests(i.RepoDigests),
        layers: inspect.RootFS?.Layers ?? [],
      };
    });
    const used = new Set(containers.map((c) => c.ImageID));
    const plan = planPrune(candidates, used, all);
    const removed = new Set(plan.removed);
    const sizes = new Map<string, number[] | null>();
    await eachLimited(plan.removed, async (id) => {
      const layers = candidates.find((c) => c.id === id)!.layers;
      const history = (await docker.getImage(id).history()) as {
        Size?: number;
        CreatedBy?: string;
      }[];
      const oldestFirst = history
        .map((e) => ({ size: e.Size ?? 0, createdBy: e.CreatedBy ?? '' }))
        .reverse();
      sizes.set(id, layerSizesFromHistory(oldestFirst, layers.length));
    });
    const images: PrunedImage[] = listed
      .filter((i) => removed.has(i.Id))
      .sort((a, b) => b.Created - a.Created)
      .map((i) => ({ id: i.Id, repoTags: named(i.RepoTags), size: i.Size }));
    return {
      all,
      images,
      bytesFreed: bytesFreed(candidates, removed, (id) => sizes.get(id) ?? null),
      keptInUse: plan.keptInUse,
      buildCache,
    };
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, "Couldn't work out what a prune would remove"));
  }
}

async function buildCacheOf(docker: Docker): Promise<PrunePreview['buildCache']> {
  const df = (await docker.df()) as { BuildCache?: { Size?: number }[] | null };
  const entries = df.BuildCache ?? [];
  const bytes = entries.reduce((sum, e) => sum + (e.Size ?? 0), 0);
  return entries.length > 0 && bytes > 0 ? { bytes, entries: entries.length } : null;
}

export async function pruneImages(docker: Docker, all: boolean): Promise<PruneResult> {
  try {
    const known = new Set((await docker.listImages({ all: true })).map((i) => i.Id));
    const reply = (await docker.pruneImages({ filters: { dangling: [String(!all)] } })) as {
      ImagesDeleted?: { Deleted?: string; Untagged?: string }[] | null;
      SpaceReclaimed?: number;
    };
    const records = reply.ImagesDeleted ?? [];
    return {
      // The engine lists deleted layers (their chain ids) among the images: keep the images.
      deleted: records.flatMap((r) => (r.Deleted && known.has(r.Deleted) ? [r.Deleted] : [])),
      untagged: records.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
      bytesFreed: reply.SpaceReclaimed ?? 0,
    };
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, "Couldn't prune images"));
  }
}

export async function pruneBuildCache(docker: Docker): Promise<{ bytesFreed: number }> {
  try {
    const reply = (await docker.pruneBuilder()) as { SpaceReclaimed?: number };
    return { bytesFreed: reply.SpaceReclaimed ?? 0 };
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, "Couldn't prune the build cache"));
  }
}
