import { describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { endpointText, gatewayText, networkRowName, visibleNetworks } from './network-list.ts';

const net = (over: Partial<NetworkSummary>): NetworkSummary => ({
  id: 'a'.repeat(64),
  name: 'todo',
  driver: 'bridge',
  scope: 'local',
  createdAt: '',
  internal: false,
  attachable: false,
  ipv6: false,
  subnets: [],
  labels: {},
  options: {},
  containers: [],
  ...over,
});

describe('the networks list', () => {
  const todo = net({
    name: 'todo',
    subnets: [{ subnet: '172.30.0.0/24' }],
    containers: [
      {
        containerId: 'c1',
        containerName: 'web',
        ipv4: '172.30.0.2/24',
        ipv6: '',
        mac: '',
        aliases: ['api'],
      },
    ],
  });
  const bridge = net({
    name: 'bridge',
    subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }],
  });

  it('filters by name, subnet, container and alias, sorted by name', () => {
    expect(visibleNetworks([todo, bridge], '').map((n) => n.name)).toEqual(['bridge', 'todo']);
    expect(visibleNetworks([todo, bridge], 'api').map((n) => n.name)).toEqual(['todo']);
    expect(visibleNetworks([todo, bridge], '172.17').map((n) => n.name)).toEqual(['bridge']);
    expect(visibleNetworks([todo, bridge], 'predefined').map((n) => n.name)).toEqual(['bridge']);
  });

  it('says each container with its address and aliases, and no gateway the engine did not list', () => {
    expect(endpointText(todo.containers[0]!)).toBe('web 172.30.0.2 (also api)');
    expect(gatewayText(todo)).toBe('');
    expect(gatewayText(bridge)).toBe('172.17.0.1');
    expect(networkRowName(bridge)).toBe('bridge, bridge, predefined, 172.17.0.0/16, 0 containers');
  });
});
