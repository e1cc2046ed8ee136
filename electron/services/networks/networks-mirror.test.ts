import { describe, expect, it, vi } from 'vitest';
import type { ContainerNetwork, ContainerSummary } from '../../contract/container-types.ts';
import type { NetworksDelta } from '../../contract/networks-channels.ts';
import type { EngineEvent } from '../events/engine-event.ts';
import { NetworksMirror, type ListedNetwork } from './networks-mirror.ts';

const event = (action: string, actorId: string, attributes = {}): EngineEvent => ({
  type: 'network',
  action,
  actorId,
  attributes,
  timeSec: '1',
  timeNanos: '0',
});

const network = (id: string, name: string): ListedNetwork => ({
  id,
  name,
  driver: 'bridge',
  scope: 'local',
  createdAt: '2026-12-02T06:00:00Z',
  internal: false,
  attachable: false,
  ipv6: false,
  subnets: [{ subnet: '172.30.0.0/24', gateway: '172.30.0.1' }],
  labels: {},
  options: {},
});

const attached = (name: string, networkId: string, ipv4 = ''): ContainerNetwork => ({
  name,
  networkId,
  ipv4,
  ipv6: '',
  mac: '',
  aliases: [],
});

const container = (name: string, networks: ContainerNetwork[]): ContainerSummary => ({
  id: `id-${name}`,
  name,
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sh',
  created: 1,
  state: 'running',
  status: 'Up',
  statusAt: 0,
  ports: [],
  labels: {},
  mounts: [],
  networks,
});

function setup(initial: ListedNetwork[], containers: ContainerSummary[] = []) {
  const networks = new Map(initial.map((n) => [n.id, n]));
  const deltas: NetworksDelta[] = [];
  const mirror = new NetworksMirror({
    engineId: 'e',
    coalesceMs: 0,
    engine: {
      // Like the engine's id filter, answers prefixes too.
      list: async (ids) =>
        [...networks.values()].filter((n) => !ids || ids.some((id) => n.id.startsWith(id))),
    },
    containers: () => containers.values(),
    onDelta: (d) => deltas.push(d),
    onError: (m) => {
      throw new Error(m);
    },
  });
  return { networks, deltas, mirror, containers };
}

describe('NetworksMirror', () => {
  it('shows each network with the containers attached and their addresses', async () => {
    const { mirror } = setup(
      [network('n1', 'todo'), network('n2', 'bridge')],
      [
        container('web', [attached('todo', 'n1', '172.30.0.2')]),
        container('db', [
          attached('todo', 'n1', '172.30.0.3'),
          attached('bridge', 'n2', '172.17.0.2'),
        ]),
      ],
    );
    await mirror.heal();
    const todo = mirror.snapshot().items.find((n) => n.name === 'todo')!;
    expect(todo.containers.map((c) => [c.containerName, c.ipv4])).toEqual([
      ['db', '172.30.0.3'],
      ['web', '172.30.0.2'],
    ]);
    expect(mirror.snapshot().items.find((n) => n.name === 'bridge')!.containers).toHaveLength(1);
  });

  it('counts a stopped container, which has no network id yet, by the network name', async () => {
    const { mirror } = setup([network('n1', 'todo')], [container('db', [attached('todo', '')])]);
    await mirror.heal();
    expect(mirror.snapshot().items[0]!.containers.map((c) => c.containerName)).toEqual(['db']);
  });

  it('reads a created network by id and keeps the exact id only', async () => {
    const { networks, mirror } = setup([network('abc123', 'old')]);
    await mirror.heal();
    networks.set('abc', network('abc', 'new'));
    mirror.applyEvent(event('create', 'abc'));
    await vi.waitFor(() =>
      expect(
        mirror
          .snapshot()
          .items.map((n) => n.name)
          .sort(),
      ).toEqual(['new', 'old']),
    );
  });

  it('re-lists on a prune, which names no network', async () => {
    const { networks, mirror } = setup([network('n1', 'todo'), network('n2', 'x')]);
    await mirror.heal();
    networks.delete('n2');
    mirror.applyEvent(event('prune', ''));
    await vi.waitFor(() => expect(mirror.snapshot().items.map((n) => n.name)).toEqual(['todo']));
  });

  it('drops a destroyed network at once', async () => {
    const { networks, mirror, deltas } = setup([network('n1', 'todo'), network('n2', 'x')]);
    await mirror.heal();
    networks.delete('n1');
    mirror.applyEvent(event('destroy', 'n1'));
    expect(mirror.snapshot().items.map((n) => n.name)).toEqual(['x']);
    expect(deltas.at(-1)).toMatchObject({ removed: ['n1'] });
  });

  it('follows containers joining and leaving through the container list', async () => {
    const { mirror, containers, deltas } = setup([network('n1', 'todo')]);
    await mirror.heal();
    containers.push(container('web', [attached('todo', 'n1', '172.30.0.2')]));
    mirror.containersChanged();
    expect(deltas.at(-1)!.upserts[0]!.containers.map((c) => c.containerName)).toEqual(['web']);
    containers.pop();
    mirror.containersChanged();
    expect(deltas.at(-1)!.upserts[0]!.containers).toEqual([]);
  });
});

describe('NetworksMirror aliases', () => {
  it("reads aliases from the container's inspect, again on connect, and never for predefined networks", async () => {
    const reads: string[] = [];
    let aliases = ['api'];
    const containers = [
      container('web', [attached('todo', 'n1', '172.30.0.2'), attached('bridge', 'n2')]),
    ];
    const mirror = new NetworksMirror({
      engineId: 'e',
      coalesceMs: 0,
      engine: { list: async () => [network('n1', 'todo'), network('n2', 'bridge')] },
      containers: () => containers.values(),
      aliases: {
        read: async (id) => {
          reads.push(id);
          return new Map([['n1', aliases]]);
        },
      },
      onDelta: () => {},
      onError: (m) => {
        throw new Error(m);
      },
    });
    const endpoint = (name: string) =>
      mirror.snapshot().items.find((n) => n.name === name)?.containers[0]?.aliases;
    await mirror.heal();
    await vi.waitFor(() => expect(endpoint('todo')).toEqual(['api']));
    expect(endpoint('bridge')).toEqual([]);
    expect(reads).toEqual(['id-web']);

    aliases = ['api', 'www'];
    mirror.applyEvent(event('connect', 'n1', { container: 'id-web' }));
    await vi.waitFor(() => expect(endpoint('todo')).toEqual(['api', 'www']));
    expect(reads).toEqual(['id-web', 'id-web']);
  });
});
