// Acting on networks: `docker network create`, `rm`, `connect` and
// `disconnect`, and the drivers the engine offers. The list itself is the
// mirror's (networks-channels.ts).
import { z } from 'zod';
import {
  createSpecProblems,
  type NetworkConnectSpec,
  type NetworkCreateSpec,
  type NetworkDisconnectSpec,
} from './network/network-spec.ts';
import { containerRef, networkAlias, networkName, networkRef } from './refs.ts';

export type {
  NetworkConnectSpec,
  NetworkCreateSpec,
  NetworkDisconnectSpec,
} from './network/network-spec.ts';

export interface NetworkActionCalls {
  /** `docker network create`: the new network's id. */
  'networks.create': { args: [spec: NetworkCreateSpec]; result: { id: string } };
  /** `docker network rm`. */
  'networks.remove': { args: [network: string]; result: void };
  /** `docker network connect [--alias …] [--ip …]`. */
  'networks.connect': { args: [spec: NetworkConnectSpec]; result: void };
  /** `docker network disconnect [--force]`. */
  'networks.disconnect': { args: [spec: NetworkDisconnectSpec]; result: void };
  /** The network drivers the engine lists (`docker info`'s Plugins.Network). */
  'networks.drivers': { args: []; result: string[] };
}

const ipText = z.string().max(64);

const createSpec: z.ZodType<NetworkCreateSpec> = z
  .strictObject({
    name: networkName,
    driver: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]{0,127}$/, 'not a network driver'),
    subnet: ipText,
    gateway: ipText,
    ipRange: ipText,
    internal: z.boolean(),
    attachable: z.boolean(),
    labels: z.record(z.string().max(1024), z.string().max(65_536)),
  })
  .superRefine((spec, ctx) => {
    for (const p of createSpecProblems(spec))
      ctx.addIssue({ code: 'custom', message: p.message, path: [p.field] });
  });

const connectSpec: z.ZodType<NetworkConnectSpec> = z.strictObject({
  network: networkRef,
  container: containerRef,
  aliases: z.array(networkAlias).max(64),
  ipv4: z.union([z.literal(''), z.ipv4()]),
});

const disconnectSpec: z.ZodType<NetworkDisconnectSpec> = z.strictObject({
  network: networkRef,
  container: containerRef,
  force: z.boolean(),
});

export const networkActionCallArgs: {
  [K in keyof NetworkActionCalls]: z.ZodType<NetworkActionCalls[K]['args']>;
} = {
  'networks.create': z.tuple([createSpec]),
  'networks.remove': z.tuple([networkRef]),
  'networks.connect': z.tuple([connectSpec]),
  'networks.disconnect': z.tuple([disconnectSpec]),
  'networks.drivers': z.tuple([]),
};
