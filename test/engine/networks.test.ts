// Networks through the app's contract on a real managed engine, with `docker
// network inspect` as the truth: create with subnet, gateway, internal and
// attachable; bad names and ranges refused before the engine; an overlapping
// subnet and a network in use refused in the engine's words, naming what is in
// the way; connect with an alias and disconnect; the aliases the list lacks;
// no host bridge left after a remove; and every shown `docker network` line,
// with hostile labels, pasted into sh, bash and zsh, doing the same.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import {
  networkConnectCommand,
  networkCreateCommand,
  networkDisconnectCommand,
  networkRemoveCommand,
} from '../../electron/contract/network/network-commands.ts';
import type { NetworkCreateSpec } from '../../electron/contract/network/network-spec.ts';
import type { NetworkSummary } from '../../electron/contract/networks-channels.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import {
  initialResource,
  syncResource,
  type ResourceStore,
} from '../../renderer/stores/resource-sync.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { freeSubnets } from '../helpers/free-subnets.ts';
import { inProcessClient } from '../helpers/in-process-client.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

const execFileAsync = promisify(execFile);
let env: EngineServices;
let engine: TestEngine;
let dispatcher: Dispatcher;
let stopSync: () => void = () => {};
const networks = createStore<ResourceStore<NetworkSummary>>(() => initialResource);
const row = (name: string) => Object.values(networks.getState().byId).find((n) => n.name === name);

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function call(channel: string, ...args: unknown[]): Promise<unknown> {
  const reply = await dispatcher.call(channel, args);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { envelope: reply.error });
  return reply.value;
}

async function refusal(channel: string, ...args: unknown[]): Promise<ErrorEnvelope> {
  const reply = await dispatcher.call(channel, args);
  if (reply.ok) throw new Error(`${channel} was not refused`);
  return reply.error;
}

interface InspectedNetwork {
  Id: string;
  Internal: boolean;
  Attachable: boolean;
  Labels: Record<string, string>;
  Options: Record<string, string>;
  IPAM: { Config: { Subnet?: string; Gateway?: string; IPRange?: string }[] };
}
const inspectNetwork = async (name: string) =>
  (JSON.parse(await docker(engine, 'network', 'inspect', name)) as [InspectedNetwork])[0];

const baseSpec = (over: Partial<NetworkCreateSpec>): NetworkCreateSpec => ({
  name: 'x',
  driver: 'bridge',
  subnet: '',
  gateway: '',
  ipRange: '',
  internal: false,
  attachable: false,
  labels: {},
  ...over,
});

let subnets: string[];
const hostLink = async (name: string) => {
  try {
    await execFileAsync('ip', ['link', 'show', name]);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  env = await startEngineServices({ name: 'networks' });
  ({ engine, dispatcher } = env);
  subnets = await freeSubnets(6);
  stopSync = syncResource('networks', inProcessClient<'networks'>(dispatcher), networks);
}, 120_000);

afterAll(async () => {
  stopSync();
  await env?.dispose();
});

describe('networks through the contract', () => {
  it('creates a network with subnet, gateway, IP range, internal, attachable and labels', async () => {
    const [subnet] = subnets as [string];
    const base = subnet.replace(/0\/24$/, '');
    const spec = baseSpec({
      name: 'net-full',
      subnet,
      gateway: `${base}254`,
      ipRange: `${base}128/25`,
      internal: true,
      attachable: true,
      labels: { tier: 'web' },
    });
    const { id } = (await call('networks.create', spec)) as { id: string };
    const made = await inspectNetwork('net-full');
    expect(made).toMatchObject({
      Id: id,
      Internal: true,
      Attachable: true,
      Labels: { tier: 'web' },
      IPAM: { Config: [{ Subnet: subnet, Gateway: `${base}254`, IPRange: `${base}128/25` }] },
    });
    await until('the list to show it', () => row('net-full') !== undefined);
    expect(row('net-full')).toMatchObject({
      internal: true,
      attachable: true,
      subnets: [{ subnet, gateway: `${base}254`, ipRange: `${base}128/25` }],
    });

    // A subnet without --gateway: the list says what `docker network inspect` says.
    await call('networks.create', baseSpec({ name: 'net-nogw', subnet: subnets[1]! }));
    await until('the list to show net-nogw', () => row('net-nogw') !== undefined);
    const cli = (await inspectNetwork('net-nogw')).IPAM.Config[0]!;
    expect(row('net-nogw')!.subnets[0]).toEqual({
      subnet: cli.Subnet,
      ...(cli.Gateway ? { gateway: cli.Gateway } : {}),
    });
  });

  it('refuses a bad name or range before the engine', async () => {
    const before = await docker(engine, 'network', 'ls', '-q');
    for (const bad of [
      baseSpec({ name: 'bad name!' }),
      baseSpec({ name: '-dash' }),
      baseSpec({ name: 'net-cidr', subnet: '10.1.2.3' }),
      baseSpec({ name: 'net-cidr', subnet: '10.160.0.0/24', gateway: '10.161.0.1' }),
    ]) {
      const error = await refusal('networks.create', bad);
      expect(error.kind, JSON.stringify(bad)).toBe('bad-request');
    }
    expect(
      (await refusal('networks.create', baseSpec({ name: 'net-cidr', subnet: '10.1.2.3/24' })))
        .message,
    ).toMatch(/it should be 10\.1\.2\.0\/24/);
    expect(await docker(engine, 'network', 'ls', '-q')).toBe(before);
  });

  it('refuses an overlapping subnet in the engine words, naming the network holding it', async () => {
    const held = subnets[0]!; // net-full's
    const error = await refusal(
      'networks.create',
      baseSpec({ name: 'net-overlap', subnet: held.replace(/\/24$/, '/25') }),
    );
    expect(error.engineMessage).toMatch(/Pool overlaps with other one on this address space/);
    expect(error.message).toContain(`net-full (${held})`);
    // The CLI hears the same words from the engine.
    await expect(
      docker(engine, 'network', 'create', '--subnet', held, 'net-overlap'),
    ).rejects.toThrow(/Pool overlaps with other one on this address space/);
  });

  it('connects with an alias and a fixed address, shows the alias, and disconnects', async () => {
    await call('networks.create', baseSpec({ name: 'net-join', subnet: subnets[2]! }));
    await docker(engine, 'run', '-d', '--name', 'joiner', busyboxImage, 'sleep', '300');
    const ip = subnets[2]!.replace(/0\/24$/, '77');
    await call('networks.connect', {
      network: 'net-join',
      container: 'joiner',
      aliases: ['api', 'api.local'],
      ipv4: ip,
    });
    const endpoint = (
      JSON.parse(await docker(engine, 'inspect', 'joiner')) as [
        { NetworkSettings: { Networks: Record<string, { Aliases: string[]; IPAddress: string }> } },
      ]
    )[0].NetworkSettings.Networks['net-join']!;
    expect(endpoint.IPAddress).toBe(ip);
    expect(endpoint.Aliases).toEqual(expect.arrayContaining(['api', 'api.local']));
    // The list of containers has no aliases: the row gets them from the container's inspect.
    await until('the row to show the alias', () =>
      Boolean(row('net-join')?.containers[0]?.aliases.includes('api')),
    );
    expect(row('net-join')!.containers[0]).toMatchObject({
      containerName: 'joiner',
      ipv4: ip,
      aliases: ['api', 'api.local'],
    });

    // An address outside the subnet is refused before the engine.
    const outside = await refusal('networks.connect', {
      network: 'net-join',
      container: 'joiner',
      aliases: [],
      ipv4: '192.0.2.9',
    });
    expect(outside.message).toMatch(/not inside/);

    await call('networks.disconnect', { network: 'net-join', container: 'joiner', force: false });
    expect(
      await docker(engine, 'inspect', '-f', '{{json .NetworkSettings.Networks}}', 'joiner'),
    ).not.toContain('net-join');
    await until('the row to drop it', () => row('net-join')?.containers.length === 0);
  });

  it('refuses to remove a network in use, naming the containers, and a predefined one', async () => {
    await docker(engine, 'network', 'connect', 'net-join', 'joiner');
    await until('the row to list joiner', () => row('net-join')?.containers.length === 1);
    const error = await refusal('networks.remove', 'net-join');
    expect(error.message).toContain('joiner');
    expect(error.engineMessage).toMatch(/active endpoints/);
    const predefined = await refusal('networks.remove', 'bridge');
    expect(predefined.message).toMatch(/predefined/);
    expect(await docker(engine, 'network', 'ls', '--format', '{{.Name}}')).toContain('bridge');
  });

  it('removes a network and leaves no host bridge behind', async () => {
    const { id } = (await call(
      'networks.create',
      baseSpec({ name: 'net-gone', subnet: subnets[3]! }),
    )) as { id: string };
    // The engine makes the bridge when a container first joins.
    await docker(engine, 'run', '--rm', '--network', 'net-gone', busyboxImage, 'true');
    const link = `br-${id.slice(0, 12)}`;
    expect(await hostLink(link)).toBe(true);
    await call('networks.remove', 'net-gone');
    expect(await hostLink(link)).toBe(false);
    await until('the row to go', () => row('net-gone') === undefined);
  });

  it.each(['sh', 'bash', 'zsh'])(
    'runs the shown docker network lines with hostile labels in %s',
    async (shell) => {
      const target = { host: engine.endpoint };
      const labels: Record<string, string> = {
        "it's": '$(id) `id` "q" ${HOME}',
        'a;b|c&d': '!x ~x #x *  {a,b} a==ls =ls',
        'ünï🙂': 'tab\there\nnew line \u202eevil ctrl-c\x03',
        '--%': '',
      };
      const name = `shown-${shell}`;
      const spec = baseSpec({ name, internal: true, attachable: true, labels });
      const run = (line: string) => execFileAsync(shell, ['-c', line], { timeout: 30_000 });
      await run(networkCreateCommand(spec, 'posix', target));
      expect(await inspectNetwork(name)).toMatchObject({
        Internal: true,
        Attachable: true,
        Labels: labels,
      });

      await docker(engine, 'run', '-d', '--name', `c-${shell}`, busyboxImage, 'sleep', '300');
      const connect = { network: name, container: `c-${shell}`, aliases: ['x-1', 'y.z'], ipv4: '' };
      await run(networkConnectCommand(connect, 'posix', target));
      const aliases = await docker(
        engine,
        'inspect',
        '-f',
        `{{json (index .NetworkSettings.Networks "${name}").Aliases}}`,
        `c-${shell}`,
      );
      expect(JSON.parse(aliases)).toEqual(expect.arrayContaining(['x-1', 'y.z']));
      await run(
        networkDisconnectCommand(
          { network: name, container: `c-${shell}`, force: true },
          'posix',
          target,
        ),
      );
      await docker(engine, 'rm', '-f', `c-${shell}`);
      await run(networkRemoveCommand(name, 'posix', target));
      expect(await docker(engine, 'network', 'ls', '--format', '{{.Name}}')).not.toContain(name);
    },
  );
});
