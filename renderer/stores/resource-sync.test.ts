// The generic sync on the images resource: the containers' cases are in containers-sync.test.ts.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ImageSummary, ImagesDelta } from '../../electron/contract/images-channels.ts';
import type { ResourceSnapshot } from '../../electron/contract/mirror-types.ts';
import {
  initialResource,
  syncResource,
  type ResourceClient,
  type ResourceStore,
} from './resource-sync.ts';

function standIn() {
  const asked: Array<(s: ResourceSnapshot<ImageSummary>) => void> = [];
  const deltas = new Set<(d: ImagesDelta) => void>();
  const channels: string[] = [];
  const client: ResourceClient<'images'> = {
    call: (channel) => {
      channels.push(channel);
      return new Promise((resolve) => asked.push(resolve));
    },
    on: ((channel: string, listener: never) => {
      channels.push(channel);
      if (channel === 'images.delta') deltas.add(listener);
      return () => deltas.delete(listener);
    }) as ResourceClient<'images'>['on'],
    onConnection: () => () => {},
  };
  return {
    client,
    channels,
    answer: async (s: ResourceSnapshot<ImageSummary>) => {
      asked.shift()!(s);
      await new Promise((r) => setTimeout(r, 0));
    },
    delta: (d: ImagesDelta) => deltas.forEach((l) => l(d)),
  };
}

const image = (id: string) => ({ id, repoTags: [id] }) as unknown as ImageSummary;

describe('syncResource', () => {
  it("follows a resource's own channels", () => {
    const app = standIn();
    syncResource(
      'images',
      app.client,
      createStore<ResourceStore<ImageSummary>>(() => initialResource),
    );
    expect(app.channels.sort()).toEqual(['engine.status', 'images.delta', 'images.list']);
  });

  it('is not loaded before the app has listed the engine once, so nothing says "no images" too soon', async () => {
    const app = standIn();
    const store = createStore<ResourceStore<ImageSummary>>(() => initialResource);
    syncResource('images', app.client, store);
    await app.answer({ engineId: 'e', seq: 0, items: [] });
    expect(store.getState()).toMatchObject({ engineId: 'e', loaded: false });
    app.delta({ engineId: 'e', seq: 1, reset: true, upserts: [image('a')], removed: [] });
    expect(store.getState()).toMatchObject({ loaded: true, seq: 1 });
    expect(Object.keys(store.getState().byId)).toEqual(['a']);
  });
});
