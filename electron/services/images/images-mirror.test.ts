import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../contract/container-types.ts';
import type { ImagesDelta } from '../../contract/images-channels.ts';
import type { EngineEvent } from '../events/engine-event.ts';
import { ImagesMirror, type ImageEngine, type ListedImage } from './images-mirror.ts';

const event = (type: string, action: string, actorId = 'x'): EngineEvent => ({
  type,
  action,
  actorId,
  attributes: {},
  timeSec: '1',
  timeNanos: '0',
});

/** An engine of images over busybox's one layer; counts what the mirror asks. */
function fakeEngine() {
  const images = new Map<string, ListedImage & { layers: string[]; sizes: number[] }>();
  const asked = { list: 0, layers: [] as string[], history: [] as string[] };
  const add = (id: string, tags: string[], layers: string[], sizes: number[]) =>
    images.set(id, {
      id,
      repoTags: tags,
      created: 1,
      size: sizes.reduce((a, b) => a + b),
      layers,
      sizes,
    });
  const engine: ImageEngine = {
    list: async () => {
      asked.list++;
      return [...images.values()].map(({ id, repoTags, created, size }) => ({
        id,
        repoTags,
        created,
        size,
      }));
    },
    layers: async (id) => {
      asked.layers.push(id);
      const image = images.get(id);
      if (!image) throw Object.assign(new Error('No such image'), { statusCode: 404 });
      return { layers: image.layers };
    },
    history: async (id) => {
      asked.history.push(id);
      return images.get(id)!.sizes.map((size) => ({ size, createdBy: 'RUN x' }));
    },
  };
  return { images, asked, add, engine };
}

const settle = () => new Promise((r) => setTimeout(r, 40));

function mirrorOf(engine: ImageEngine, containers: ContainerSummary[] = []) {
  const deltas: ImagesDelta[] = [];
  const mirror = new ImagesMirror({
    engineId: 'e',
    engine,
    containers: () => containers.values(),
    onDelta: (d) => deltas.push(d),
    onError: (m) => {
      throw new Error(m);
    },
    coalesceMs: 5,
  });
  return { mirror, deltas, row: (id: string) => mirror.snapshot().items.find((i) => i.id === id) };
}

describe('ImagesMirror', () => {
  it('re-lists once for a burst of image and build events, inspecting only new images', async () => {
    const f = fakeEngine();
    f.add('base', ['busybox:latest'], ['L1'], [100]);
    const m = mirrorOf(f.engine);
    await m.mirror.heal();
    expect(m.row('base')).toMatchObject({ layers: ['L1'], dangling: false, sharedSize: 0 });
    f.add('built', [], ['L1', 'L2'], [100, 5]);
    for (const e of [
      event('container', 'commit'),
      event('container', 'destroy'),
      event('image', 'tag', 'built'),
      event('container', 'start'), // not about images: no re-list for it alone
    ])
      m.mirror.applyEvent(e);
    await settle();
    expect(f.asked.list).toBe(2); // the heal, then one re-list
    expect(f.asked.layers).toEqual(['base', 'built']);
    expect(m.row('built')).toMatchObject({ dangling: true, sharedSize: 100 });
    expect(m.row('base')!.sharedSize).toBe(100);
    expect(f.asked.history).toEqual(['base']); // one history served both
  });

  it('names the containers using an image when the container list moves', async () => {
    const f = fakeEngine();
    f.add('base', ['busybox:latest'], ['L1'], [100]);
    const containers: ContainerSummary[] = [];
    const m = mirrorOf(f.engine, containers);
    await m.mirror.heal();
    containers.push(
      { name: 'web', imageId: 'base' } as ContainerSummary,
      { name: 'api', imageId: 'base' } as ContainerSummary,
    );
    m.mirror.containersChanged();
    expect(m.row('base')!.usedBy).toEqual(['api', 'web']);
    const sent = m.deltas.length;
    m.mirror.containersChanged(); // nothing moved: nothing sent
    expect(m.deltas).toHaveLength(sent);
  });

  it('leaves out an image removed between the list and its inspect', async () => {
    const f = fakeEngine();
    f.add('base', ['busybox:latest'], ['L1'], [100]);
    const engine: ImageEngine = {
      ...f.engine,
      list: async () => [
        ...(await f.engine.list()),
        { id: 'gone', repoTags: [], created: 1, size: 1 },
      ],
    };
    const m = mirrorOf(engine);
    await m.mirror.heal();
    expect(m.mirror.snapshot().items.map((i) => i.id)).toEqual(['base']);
  });
});
