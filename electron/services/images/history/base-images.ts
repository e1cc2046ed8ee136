// Which local images an image was built from: those whose layers are the
// first of its layers and whose history is the start of its history. A later
// image with the same layers (a child that only added metadata) is no base.
import type { BaseImage } from '../../../contract/image-history-channels.ts';

export interface ImageChain {
  id: string;
  repoTags: string[];
  /** Seconds since the epoch. */
  created: number;
}

export interface HistoryStep {
  createdBy: string;
  created: number;
}

export interface BaseQuestions {
  /** RootFS.Layers of a local image. */
  layersOf(id: string): Promise<string[]>;
  /** Its history, oldest first. */
  historyOf(id: string): Promise<HistoryStep[]>;
}

/** Inspecting hundreds of images: a few at a time, as the engine answers best. */
const CONCURRENCY = 8;

/** The bases of `image` among `others`, fewest steps first; at most one per history length. */
export async function findBases(
  image: ImageChain & { diffIds: string[]; history: HistoryStep[] },
  others: ImageChain[],
  ask: BaseQuestions,
): Promise<BaseImage[]> {
  const layered = await pool(others, async (other) => {
    const layers = await ask.layersOf(other.id);
    const isPrefix =
      layers.length > 0 &&
      layers.length <= image.diffIds.length &&
      layers.every((l, i) => l === image.diffIds[i]);
    const earlier = layers.length < image.diffIds.length || other.created <= image.created;
    return isPrefix && earlier ? { other, layers: layers.length } : null;
  });
  const found = await pool(
    layered.filter((c) => c !== null),
    async ({ other, layers }) => {
      const history = await ask.historyOf(other.id);
      const isPrefix =
        history.length > 0 &&
        history.length < image.history.length &&
        history.every(
          (h, i) =>
            h.createdBy === image.history[i]!.createdBy && h.created === image.history[i]!.created,
        );
      return isPrefix ? { other, layers, steps: history.length } : null;
    },
  );
  const bySteps = new Map<number, (typeof found)[number] & object>();
  for (const f of found) {
    if (!f) continue;
    const kept = bySteps.get(f.steps);
    if (!kept || preferred(f.other, kept.other)) bySteps.set(f.steps, f);
  }
  return [...bySteps.values()]
    .sort((a, b) => a.steps - b.steps)
    .map(({ other, layers, steps }) => ({
      id: other.id,
      name: other.repoTags[0] ?? other.id.replace(/^sha256:/, '').slice(0, 12),
      layers,
      steps,
    }));
}

/** A tagged image names a base better than an untagged one; then the newer. */
function preferred(a: ImageChain, b: ImageChain): boolean {
  if (a.repoTags.length > 0 !== b.repoTags.length > 0) return a.repoTags.length > 0;
  return a.created > b.created;
}

async function pool<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
