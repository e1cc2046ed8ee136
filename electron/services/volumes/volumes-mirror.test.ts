import { describe, expect, it, vi } from 'vitest';
import type { ContainerSummary } from '../../contract/container-types.ts';
import type { VolumesDelta } from '../../contract/volumes-channels.ts';
import type { EngineEvent } from '../events/engine-event.ts';
import { VolumesMirror, type ListedVolume } from './volumes-mirror.ts';

const event = (action: string, actorId: string): EngineEvent => ({
  type: 'volume',
  action,
  actorId,
  attributes: {},
  timeSec: '1',
  timeNanos: '0',
});

const volume = (name: string): ListedVolume => ({
  id: name,
  name,
  driver: 'local',
  mountpoint: `/var/lib/docker/volumes/${name}/_data`,
  scope: 'local',
  createdAt: '2026-12-02T06:00:00Z',
  labels: {},
  options: {},
});

const container = (name: string, volumes: string[]): ContainerSummary => ({
  id: `id-${name}`,
  name,
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sh',
  created: 1,
  state: 'exited',
  status: 'Exited (0)',
  statusAt: 0,
  ports: [],
  labels: {},
  mounts: [
    ...volumes.map((v) => ({
      type: 'volume',
      name: v,
      source: '',
      destination: '/d',
      readWrite: true,
    })),
    { type: 'bind', source: '/home/a', destination: '/a', readWrite: true },
  ],
  networks: [],
});

function setup(initial: string[], containers: ContainerSummary[] = []) {
  const volumes = new Map(initial.map((n) => [n, volume(n)]));
  const asked: (string[] | undefined)[] = [];
  const deltas: VolumesDelta[] = [];
  const mirror = new VolumesMirror({
    engineId: 'e',
    coalesceMs: 0,
    engine: {
      // Like the engine's name filter, answers more than was asked: parts of names match.
      list: async (names) => {
        asked.push(names);
        return [...volumes.values()].filter((v) => !names || names.some((n) => v.name.includes(n)));
      },
    },
    containers: () => containers.values(),
    onDelta: (d) => deltas.push(d),
    onError: (m) => {
      throw new Error(m);
    },
  });
  return { volumes, asked, deltas, mirror, containers };
}

const names = (mirror: VolumesMirror) =>
  mirror
    .snapshot()
    .items.map((v) => v.name)
    .sort();

describe('VolumesMirror', () => {
  it('lists every volume on heal, with the containers that mount each', async () => {
    const { mirror } = setup(
      ['data', 'cache'],
      [container('db', ['data']), container('db2', ['data'])],
    );
    await mirror.heal();
    expect(names(mirror)).toEqual(['cache', 'data']);
    const data = mirror.snapshot().items.find((v) => v.name === 'data')!;
    expect(data.usedBy).toEqual(['db', 'db2']);
    expect(mirror.snapshot().items.find((v) => v.name === 'cache')!.usedBy).toEqual([]);
  });

  it("leaves Berth's own file helper out of a volume's users", async () => {
    const helper = {
      ...container('berth-volume-helper-1', ['data']),
      labels: { 'berth.volume-helper': 'data' },
    };
    const { mirror } = setup(['data'], [container('db', ['data']), helper]);
    await mirror.heal();
    expect(mirror.snapshot().items[0]!.usedBy).toEqual(['db']);
  });

  it('reads a created volume by its name alone, keeping only the exact name', async () => {
    const { volumes, asked, mirror } = setup(['data-old']);
    await mirror.heal();
    volumes.set('data', volume('data'));
    mirror.applyEvent(event('create', 'data'));
    await vi.waitFor(() => expect(names(mirror)).toEqual(['data', 'data-old']));
    expect(asked.at(-1)).toEqual(['data']);
  });

  it('drops a destroyed volume at once, without asking the engine', async () => {
    const { volumes, asked, deltas, mirror } = setup(['data', 'cache']);
    await mirror.heal();
    volumes.delete('data');
    const before = asked.length;
    mirror.applyEvent(event('destroy', 'data'));
    expect(names(mirror)).toEqual(['cache']);
    expect(deltas.at(-1)).toMatchObject({ removed: ['data'], upserts: [] });
    expect(asked.length).toBe(before);
  });

  it('re-lists on a prune, which names no volume and sends no destroy for those it removed', async () => {
    const { volumes, mirror } = setup(['data', 'cache']);
    await mirror.heal();
    volumes.delete('cache');
    mirror.applyEvent(event('prune', ''));
    await vi.waitFor(() => expect(names(mirror)).toEqual(['data']));
  });

  it('ignores mounts and other kinds of events', async () => {
    const { asked, mirror } = setup(['data']);
    await mirror.heal();
    const before = asked.length;
    mirror.applyEvent(event('mount', 'data'));
    mirror.applyEvent({ ...event('create', 'data'), type: 'container' });
    await new Promise((r) => setTimeout(r, 20));
    expect(asked.length).toBe(before);
  });

  it('sends only the volumes whose users changed when the containers do', async () => {
    const { mirror, deltas, containers } = setup(['data', 'cache']);
    await mirror.heal();
    containers.push(container('web', ['cache']));
    mirror.containersChanged();
    expect(deltas.at(-1)!.upserts.map((v) => [v.name, v.usedBy])).toEqual([['cache', ['web']]]);
    const count = deltas.length;
    mirror.containersChanged();
    expect(deltas.length).toBe(count);
  });
});
