import { describe, expect, it } from 'vitest';
import { notManagerError, toSwarmStatus } from './swarm-status.ts';

describe("the engine's place in a swarm", () => {
  it('is manager, worker or inactive by /info', () => {
    expect(toSwarmStatus(undefined)).toEqual({
      state: 'inactive',
      nodeId: '',
      nodeAddress: '',
      managers: [],
    });
    expect(
      toSwarmStatus({
        NodeID: 'n1',
        NodeAddr: '10.0.0.11',
        LocalNodeState: 'active',
        ControlAvailable: true,
        RemoteManagers: [{ NodeID: 'n1', Addr: '10.0.0.11:2377' }],
        Nodes: 3,
        Managers: 1,
        Cluster: { ID: 'c1' },
      }),
    ).toEqual({
      state: 'manager',
      nodeId: 'n1',
      nodeAddress: '10.0.0.11',
      clusterId: 'c1',
      managers: [{ nodeId: 'n1', address: '10.0.0.11:2377' }],
      nodeCount: 3,
      managerCount: 1,
    });
    const worker = toSwarmStatus({ LocalNodeState: 'active', ControlAvailable: false, Nodes: 0 });
    expect([worker.state, worker.nodeCount]).toEqual(['worker', undefined]);
    expect(toSwarmStatus({ LocalNodeState: 'locked' }).state).toBe('locked');
    expect(toSwarmStatus({ LocalNodeState: 'error', Error: 'boom' })).toMatchObject({
      state: 'error',
      error: 'boom',
    });
  });

  it("refuses a worker's management call naming the node and its managers", () => {
    const error = notManagerError(
      {
        state: 'worker',
        nodeId: 'wnode0000000000000000000',
        nodeAddress: '10.0.0.12',
        managers: [
          { nodeId: 'mnode1111111111111111111', address: '10.0.0.11:2377' },
          { nodeId: 'mnode2222222222222222222', address: '10.0.0.13:2377' },
        ],
      },
      'This node is not a swarm manager.',
    ).envelope;
    expect(error).toMatchObject({
      kind: 'bad-request',
      engineMessage: 'This node is not a swarm manager.',
    });
    expect(error.message).toBe(
      "The engine shown (node wnode0000000 at 10.0.0.12) is a swarm worker, not a manager: only a manager can show and change the swarm's nodes, services and tasks. Its managers are 10.0.0.11:2377 (node mnode1111111), 10.0.0.13:2377 (node mnode2222222).",
    );
    expect(error.hint).toMatch(/promote/);
  });

  it('says an engine outside a swarm can init or join one', () => {
    const error = notManagerError({ state: 'inactive', nodeId: '', nodeAddress: '', managers: [] });
    expect(error.envelope.message).toBe('The engine shown is not in a swarm.');
    expect(error.envelope.hint).toMatch(/docker swarm init/);
  });
});
