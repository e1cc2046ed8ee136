// What the images mirror reads from the engine, over the calls client.
import type Docker from 'dockerode';
import type { ImageEngine } from './images-mirror.ts';

export function imageEngine(docker: Docker): ImageEngine {
  return {
    list: async () =>
      (await docker.listImages()).map((i) => ({
        id: i.Id,
        repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
        created: i.Created,
        size: i.Size,
      })),
    layers: async (id) => {
      const image = await docker.getImage(id).inspect();
      const created = Date.parse(image.Created);
      return {
        layers: image.RootFS?.Layers ?? [],
        ...(Number.isNaN(created) ? {} : { created: created / 1000 }),
      };
    },
    history: async (id) => {
      const entries = (await docker.getImage(id).history()) as {
        Size?: number;
        CreatedBy?: string;
      }[];
      // The engine answers newest first.
      return entries.map((e) => ({ size: e.Size ?? 0, createdBy: e.CreatedBy ?? '' })).reverse();
    },
  };
}
