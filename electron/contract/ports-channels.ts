// Host ports, checked before a container asks for them: the engine only says a
// port is taken after it has been asked, in its own words, and cannot say who
// holds it when that is not a container.
import { z } from 'zod';

/** A host port as `-p` publishes it: the address defaults to every interface. */
export interface HostPortQuery {
  port: number;
  protocol: 'tcp' | 'udp';
  /** `-p 127.0.0.1:8080:80` binds one address; absent, the engine binds them all. */
  hostIp?: string;
}

export type PortCheck =
  /** The engine runs on this machine: `busy` holds the ports something else has bound. */
  | { checkable: true; busy: HostPortQuery[] }
  /** The engine runs elsewhere, where Berth cannot try a port. */
  | { checkable: false; engineHost: string };

export interface PortCalls {
  /** Tries each port on the engine's host; none stays bound afterwards. */
  'ports.check': { args: [ports: HostPortQuery[]]; result: PortCheck };
}

export const hostPortQuery = z
  .object({
    port: z.number().int().min(1, 'A port is 1-65535').max(65535, 'A port is 1-65535'),
    protocol: z.enum(['tcp', 'udp']),
    hostIp: z.union([z.ipv4(), z.ipv6()]).optional(),
  })
  .strict();

export const portCallArgs: {
  [K in keyof PortCalls]: z.ZodType<PortCalls[K]['args']>;
} = {
  // A bounded batch: the dialog asks for the ports typed and a few next free ones.
  'ports.check': z.tuple([z.array(hostPortQuery).max(64)]),
};
