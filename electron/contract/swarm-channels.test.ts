import { describe, expect, it } from 'vitest';
import { callArgs, streamArgs } from './channels.ts';
import { placementConstraint, replicaCount, serviceName, swarmAddress } from './swarm-refs.ts';

const ok = (ch: keyof typeof callArgs, args: unknown[]) => callArgs[ch].safeParse(args).success;

describe('swarm argument schemas', () => {
  it('take node and service names and ids, and refuse what would leave an engine path', () => {
    expect(ok('swarm.nodeAvailability', ['node1', 'drain'])).toBe(true);
    expect(ok('swarm.nodeAvailability', ['w2x7jvy0j0ivq1yjz2m9jv3na', 'pause'])).toBe(true);
    expect(ok('swarm.removeService', ['todo_web'])).toBe(true);
    for (const bad of ['..', '../nodes', 'a/b', 'web?force=1', 'web#x', '-web', '', 'a b', 'x\n']) {
      expect(ok('swarm.removeService', [bad]), bad).toBe(false);
      expect(ok('swarm.nodeRole', [bad, 'manager']), bad).toBe(false);
    }
    expect(ok('swarm.nodeAvailability', ['node1', 'asleep'])).toBe(false);
    expect(ok('swarm.nodeRole', ['node1', 'leader'])).toBe(false);
  });

  it('scales to a whole number from 0 to 1000 only', () => {
    for (const n of [0, 1, 6, 1000])
      expect(ok('swarm.scaleService', ['web', n]), String(n)).toBe(true);
    for (const n of [-1, 2.5, 1001, 1e9, Number.NaN, Infinity, '6']) {
      expect(ok('swarm.scaleService', ['web', n]), String(n)).toBe(false);
    }
    expect(replicaCount.safeParse(-1).error?.issues[0]?.message).toMatch(/Cannot be negative/);
    expect(replicaCount.safeParse(5000).error?.issues[0]?.message).toMatch(/At most 1000/);
  });

  it('takes label changes with plain keys and any value but NUL', () => {
    const change = (add: Record<string, string>, remove: string[] = []) =>
      ok('swarm.nodeLabels', ['node1', { add, remove }]);
    expect(change({ zone: 'east', 'com.example/disk': "ssd $(x) 'q'\nline" }, ['old'])).toBe(true);
    expect(change({ 'a=b': 'x' })).toBe(false);
    expect(change({ 'a b': 'x' })).toBe(false);
    expect(change({ '-x': 'y' })).toBe(false);
    expect(change({ zone: 'a\0b' })).toBe(false);
    expect(change({}, ['a=b'])).toBe(false);
  });

  it("checks placement constraints by swarmkit's grammar", () => {
    const good = [
      'node.role==manager',
      'node.role != worker',
      'node.hostname==node-1',
      'node.labels.zone==east',
      'engine.labels.storage==ssd',
      'node.platform.os==linux',
      'node.labels.zone!=a b $(c) | * ? \\ ^ [d] (e) + /f:g',
    ];
    for (const c of good) expect(placementConstraint.safeParse(c).success, c).toBe(true);
    const bad = [
      'role==manager',
      'node.role=manager',
      'node.role==',
      'node.labels.==x',
      "node.labels.zone=='east'",
      'node.labels.zone==a;b',
      'node.labels.zone==a\nb',
      'node.labels.zone==a`b`',
      '-node.role==manager',
    ];
    for (const c of bad) expect(placementConstraint.safeParse(c).success, c).toBe(false);
  });

  it('takes service names by swarmkit rule, addresses and join tokens', () => {
    for (const n of ['web', 'todo_web', 'a', 'web-1'])
      expect(serviceName.safeParse(n).success, n).toBe(true);
    for (const n of ['-web', 'web-', 'we b', 'web.1', 'x'.repeat(64)])
      expect(serviceName.safeParse(n).success, n).toBe(false);
    for (const a of ['10.0.0.1', '10.0.0.1:2377', 'eth0', 'manager1:2377', '[fe80::1]:2377'])
      expect(swarmAddress.safeParse(a).success, a).toBe(true);
    for (const a of ['', '-h', 'a b', '10.0.0.1:2377/x', 'x;y'])
      expect(swarmAddress.safeParse(a).success, a).toBe(false);
    const token =
      'SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx';
    expect(ok('swarm.join', [{ token, remoteAddr: '10.0.0.1:2377' }])).toBe(true);
    expect(ok('swarm.join', [{ token: 'x; rm -rf /', remoteAddr: '10.0.0.1:2377' }])).toBe(false);
  });

  it('takes a stack name and an absolute compose file to deploy', () => {
    expect(ok('swarm.deployStack', [{ name: 'todo', file: '/home/me/stack.yml' }])).toBe(true);
    expect(ok('swarm.deployStack', [{ name: 'todo', file: 'stack.yml' }])).toBe(false);
    expect(ok('swarm.deployStack', [{ name: '-todo', file: '/s.yml' }])).toBe(false);
    expect(ok('swarm.removeStack', ['todo'])).toBe(true);
    expect(ok('swarm.removeStack', ['../x'])).toBe(false);
  });

  it('opens the watches and logs with checked queries', () => {
    const stream = (ch: keyof typeof streamArgs, args: unknown[]) =>
      streamArgs[ch].safeParse(args).success;
    expect(stream('swarm.watch', [])).toBe(true);
    expect(stream('swarm.watchTasks', [{}])).toBe(true);
    expect(stream('swarm.watchTasks', [{ service: 'web' }])).toBe(true);
    expect(stream('swarm.watchTasks', [{ service: '../x' }])).toBe(false);
    expect(stream('swarm.serviceLogs', [{ service: 'web', follow: true, tail: 100 }])).toBe(true);
    expect(stream('swarm.serviceLogs', [{ service: 'web', follow: true, tail: -1 }])).toBe(false);
    expect(stream('swarm.serviceLogs', [{ service: 'web', follow: true, extra: 1 }])).toBe(false);
  });
});
