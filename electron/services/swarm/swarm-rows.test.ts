import { describe, expect, it } from 'vitest';
import { stacksOf, updateProgress } from '../../contract/swarm-derive.ts';
import type { SwarmTaskRow } from '../../contract/swarm-types.ts';
import { toEngineServiceSpec } from './service-actions.ts';
import { splitDetails } from './service-logs.ts';
import { toNodeRow, toServiceRow, toTaskRow, type TaskNames } from './swarm-rows.ts';

describe('node rows', () => {
  it('read as docker node ls: a manager with its leadership and reachability, marked when it is this engine', () => {
    const row = toNodeRow(
      {
        ID: 'n1',
        Version: { Index: 9 },
        Spec: { Labels: { zone: 'east' }, Role: 'manager', Availability: 'drain' },
        Description: { Hostname: 'vm1', Engine: { EngineVersion: '20.10.24' } },
        Status: { State: 'ready', Addr: '10.0.0.11' },
        ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '10.0.0.11:2377' },
      },
      'n1',
    );
    expect(row).toEqual({
      id: 'n1',
      hostname: 'vm1',
      role: 'manager',
      availability: 'drain',
      status: 'ready',
      engineVersion: '20.10.24',
      labels: { zone: 'east' },
      leader: true,
      reachability: 'reachable',
      address: '10.0.0.11:2377',
      self: true,
    });
  });

  it('give a down worker its reason, and no leadership', () => {
    const row = toNodeRow(
      {
        ID: 'n2',
        Spec: { Labels: null, Role: 'worker', Availability: 'active' },
        Description: { Hostname: 'vm2' },
        Status: { State: 'down', Message: 'heartbeat failure', Addr: '10.0.0.12' },
      },
      'n1',
    );
    expect(row).toMatchObject({
      role: 'worker',
      status: 'down',
      statusMessage: 'heartbeat failure',
      leader: false,
      address: '10.0.0.12',
      labels: {},
      self: false,
    });
    expect(row.reachability).toBeUndefined();
  });
});

describe('service rows', () => {
  it('count running and desired tasks, list published ports, the update and the stack', () => {
    const row = toServiceRow({
      ID: 's1',
      CreatedAt: '2026-12-02T10:00:00Z',
      UpdatedAt: '2026-12-02T10:05:00Z',
      Spec: {
        Name: 'todo_web',
        Labels: { 'com.docker.stack.namespace': 'todo' },
        TaskTemplate: {
          ContainerSpec: { Image: 'web:2' },
          Placement: { Constraints: ['node.role==worker'] },
        },
        Mode: { Replicated: { Replicas: 6 } },
      },
      Endpoint: {
        Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }],
      },
      UpdateStatus: {
        State: 'updating',
        StartedAt: '2026-12-02T10:05:00Z',
        Message: 'update in progress',
      },
      ServiceStatus: { RunningTasks: 4, DesiredTasks: 6 },
    });
    expect(row).toEqual({
      id: 's1',
      name: 'todo_web',
      image: 'web:2',
      mode: 'replicated',
      running: 4,
      desired: 6,
      ports: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' }],
      update: {
        state: 'updating',
        message: 'update in progress',
        startedAt: '2026-12-02T10:05:00Z',
      },
      stack: 'todo',
      labels: { 'com.docker.stack.namespace': 'todo' },
      constraints: ['node.role==worker'],
      createdAt: '2026-12-02T10:00:00Z',
      updatedAt: '2026-12-02T10:05:00Z',
    });
  });

  it('take the desired count from the spec when the engine gives no status (before API 1.41)', () => {
    const row = toServiceRow({
      ID: 's2',
      Spec: { Name: 'api', Mode: { Replicated: { Replicas: 3 } } },
    });
    expect([row.running, row.desired, row.mode, row.stack, row.update]).toEqual([
      0,
      3,
      'replicated',
      undefined,
      undefined,
    ]);
    expect(toServiceRow({ ID: 's3', Spec: { Name: 'agent', Mode: { Global: {} } } }).mode).toBe(
      'global',
    );
  });
});

describe('task rows', () => {
  const names: TaskNames = {
    service: (id) =>
      ({ s1: { name: 'web', global: false }, s2: { name: 'agent', global: true } })[id],
    node: (id) => ({ n1: 'vm1' })[id],
  };

  it('name a replicated task by slot and its node by hostname, with the engine state and error', () => {
    const row = toTaskRow(
      {
        ID: 't1',
        ServiceID: 's1',
        Slot: 2,
        NodeID: 'n1',
        DesiredState: 'running',
        CreatedAt: '2026-12-02T10:00:00Z',
        Spec: { ContainerSpec: { Image: 'web:1' } },
        Status: {
          Timestamp: '2026-12-02T10:00:05Z',
          State: 'rejected',
          Message: 'preparing',
          Err: 'No such image: web:1',
        },
      },
      names,
    );
    expect(row).toEqual({
      id: 't1',
      serviceId: 's1',
      serviceName: 'web',
      slot: 2,
      name: 'web.2',
      nodeId: 'n1',
      nodeHostname: 'vm1',
      desiredState: 'running',
      state: 'rejected',
      message: 'preparing',
      error: 'No such image: web:1',
      image: 'web:1',
      createdAt: '2026-12-02T10:00:00Z',
      updatedAt: '2026-12-02T10:00:05Z',
    });
  });

  it("name a global task by its node, and leave an unplaced task's node empty", () => {
    expect(toTaskRow({ ID: 't2', ServiceID: 's2', NodeID: 'n9', Slot: 0 }, names)).toMatchObject({
      name: 'agent.n9',
      nodeHostname: '',
    });
    expect(toTaskRow({ ID: 't3', ServiceID: 's1', Slot: 1 }, names)).toMatchObject({
      name: 'web.1',
      nodeId: '',
      nodeHostname: '',
    });
  });
});

describe('what the page works out from rows', () => {
  const task = (over: Partial<SwarmTaskRow>): SwarmTaskRow => ({
    id: Math.random().toString(36),
    serviceId: 's1',
    serviceName: 'web',
    name: 'web.1',
    nodeId: 'n1',
    nodeHostname: 'vm1',
    desiredState: 'running',
    state: 'running',
    message: '',
    error: '',
    image: 'web:2',
    createdAt: '',
    updatedAt: '',
    ...over,
  });

  it("counts a rolling update's progress by the tasks running the new image, digest pins aside", () => {
    const digest = `@sha256:${'a'.repeat(64)}`;
    const tasks = [
      task({ image: `web:2${digest}` }),
      task({ image: 'web:2', state: 'starting' }),
      task({ image: 'web:1' }),
      task({ image: 'web:2', desiredState: 'shutdown', state: 'shutdown' }),
      task({ image: 'web:2', serviceId: 'other' }),
    ];
    expect(updateProgress({ id: 's1', image: 'web:2', desired: 3 }, tasks)).toEqual({
      updated: 1,
      desired: 3,
    });
  });

  it('groups services into stacks by their namespace', () => {
    expect(stacksOf([{ stack: 'todo' }, {}, { stack: 'blog' }, { stack: 'todo' }])).toEqual([
      { name: 'blog', services: 1 },
      { name: 'todo', services: 2 },
    ]);
  });
});

describe('service log lines', () => {
  it('split the attributes the engine puts before the text, unescaped', () => {
    expect(
      splitDetails(
        'com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1,x=a%2Cb+c hello world',
      ),
    ).toEqual({
      attrs: {
        'com.docker.swarm.node.id': 'n1',
        'com.docker.swarm.service.id': 's1',
        'com.docker.swarm.task.id': 't1',
        x: 'a,b c',
      },
      text: 'hello world',
    });
    expect(splitDetails(' no attributes')).toEqual({ attrs: {}, text: 'no attributes' });
  });
});

describe('the engine spec of a new service', () => {
  it('holds what docker service create would send for the same fields', () => {
    expect(
      toEngineServiceSpec({
        image: 'web:1',
        name: 'web',
        command: ['serve', '--port', '80'],
        env: ['A=1'],
        ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 8080 }],
        volumes: [
          { type: 'anonymous', target: '/cache', readOnly: false },
          { type: 'bind', source: '/srv', target: '/srv', readOnly: true },
        ],
        mode: 'replicated',
        replicas: 4,
        constraints: ['node.labels.zone==east'],
        labels: { tier: 'front' },
      }),
    ).toEqual({
      Name: 'web',
      Labels: { tier: 'front' },
      TaskTemplate: {
        ContainerSpec: {
          Image: 'web:1',
          Args: ['serve', '--port', '80'],
          Env: ['A=1'],
          Mounts: [
            { Type: 'volume', Target: '/cache' },
            { Type: 'bind', Source: '/srv', Target: '/srv', ReadOnly: true },
          ],
        },
        Placement: { Constraints: ['node.labels.zone==east'] },
      },
      Mode: { Replicated: { Replicas: 4 } },
      EndpointSpec: {
        Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }],
      },
    });
  });
});
