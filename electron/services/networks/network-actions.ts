// `docker network create`, `rm`, `connect` and `disconnect` on the engine
// shown. The engine's refusals keep its words (the envelope's engineMessage);
// the message around them says what is in the way (which network holds an
// overlapping range, which containers are still attached) and what to do.
import type Docker from 'dockerode';
import type { NetworkActionCalls } from '../../contract/network-actions-channels.ts';
import type { NetworkSummary } from '../../contract/networks-channels.ts';
import { ContractError } from '../../contract/errors.ts';
import {
  connectAddressProblem,
  isPredefinedNetwork,
  parseCidr,
  rangesOverlap,
  type NetworkConnectSpec,
  type NetworkCreateSpec,
  type NetworkDisconnectSpec,
} from '../../contract/network/network-spec.ts';
import { toErrorEnvelope } from '../engine-errors.ts';

export interface NetworkActionDeps {
  calls(): Docker;
  /** The networks mirror's rows of the engine shown. */
  networks(): NetworkSummary[];
}

type Handlers = {
  [K in keyof NetworkActionCalls]: (
    ...args: NetworkActionCalls[K]['args']
  ) => Promise<NetworkActionCalls[K]['result']>;
};

/** Drivers that name the engine's one-off networks: no second one can be created. */
const SINGLETON_DRIVERS = new Set(['host', 'null']);

export function networkActionHandlers(deps: NetworkActionDeps): Handlers {
  const find = (ref: string) =>
    deps.networks().find((n) => n.name === ref || n.id === ref || n.id.startsWith(ref));
  return {
    'networks.create': (spec) => createNetwork(deps.calls(), spec, deps.networks()),
    'networks.remove': (ref) => removeNetwork(deps.calls(), ref, find(ref)),
    'networks.connect': (spec) => connectNetwork(deps.calls(), spec, find(spec.network)),
    'networks.disconnect': (spec) => disconnectNetwork(deps.calls(), spec),
    'networks.drivers': async () => {
      const info = (await deps.calls().info()) as { Plugins?: { Network?: string[] | null } };
      const listed = (info.Plugins?.Network ?? []).filter((d) => !SINGLETON_DRIVERS.has(d));
      return ['bridge', ...listed.filter((d) => d !== 'bridge')];
    },
  };
}

export async function createNetwork(
  docker: Docker,
  spec: NetworkCreateSpec,
  existing: NetworkSummary[],
): Promise<{ id: string }> {
  const subnet = spec.subnet
    ? {
        Subnet: spec.subnet,
        ...(spec.gateway ? { Gateway: spec.gateway } : {}),
        ...(spec.ipRange ? { IPRange: spec.ipRange } : {}),
      }
    : null;
  try {
    const network = await docker.createNetwork({
      Name: spec.name,
      // As the CLI does: a second network of the same name is refused, not made.
      CheckDuplicate: true,
      Driver: spec.driver || 'bridge',
      Internal: spec.internal,
      Attachable: spec.attachable,
      Labels: spec.labels,
      ...(subnet ? { IPAM: { Driver: 'default', Config: [subnet] } } : {}),
    });
    return { id: network.id as string };
  } catch (err) {
    const envelope = toErrorEnvelope(err, `Couldn't create ${spec.name}`);
    const engineWords = envelope.engineMessage ?? '';
    if (/pool overlaps/i.test(engineWords)) {
      const holders = overlapping(spec.subnet, existing);
      throw new ContractError({
        ...envelope,
        message: `Couldn't create ${spec.name}: ${engineWords}. ${
          holders.length
            ? `${spec.subnet} overlaps ${holders.map((h) => `${h.name} (${h.subnet})`).join(', ')}.`
            : `${spec.subnet || 'The range the engine picked'} overlaps another network of the engine.`
        }`,
        hint: 'Pick a subnet no other network uses, or leave Subnet empty and the engine picks a free one.',
      });
    }
    if (/already exists/i.test(engineWords)) {
      throw new ContractError({ ...envelope, hint: 'Pick another name, or use that network.' });
    }
    throw new ContractError({
      ...envelope,
      hint: envelope.hint ?? 'Check the fields the details name, then try again.',
    });
  }
}

/** Which of the engine's networks hold a range that overlaps `subnet`. */
export function overlapping(
  subnet: string,
  networks: NetworkSummary[],
): { name: string; subnet: string }[] {
  const wanted = parseCidr(subnet);
  if (!wanted) return [];
  const holders: { name: string; subnet: string }[] = [];
  for (const network of networks) {
    for (const s of network.subnets) {
      const range = parseCidr(s.subnet);
      if (range && rangesOverlap(range, wanted))
        holders.push({ name: network.name, subnet: s.subnet });
    }
  }
  return holders;
}

async function removeNetwork(
  docker: Docker,
  ref: string,
  known: NetworkSummary | undefined,
): Promise<void> {
  const name = known?.name ?? ref;
  if (isPredefinedNetwork(name)) {
    throw new ContractError({
      kind: 'conflict',
      message: `${name} is a predefined network: the engine made it and keeps it, so it cannot be removed.`,
      hint: 'Remove the networks you created instead.',
    });
  }
  try {
    await docker.getNetwork(known?.id ?? ref).remove();
  } catch (err) {
    const envelope = toErrorEnvelope(err, `Couldn't remove ${name}`);
    if (/active endpoints/i.test(envelope.engineMessage ?? '')) {
      const attached = known?.containers.map((c) => c.containerName) ?? [];
      throw new ContractError({
        ...envelope,
        message: attached.length
          ? `Couldn't remove ${name}: ${attached.length === 1 ? 'container' : 'containers'} ${attached.join(', ')} ${attached.length === 1 ? 'is' : 'are'} attached to it.`
          : `Couldn't remove ${name}: containers are attached to it.`,
        hint: 'Disconnect them (or remove them) first, then remove the network.',
      });
    }
    throw new ContractError(envelope);
  }
}

async function connectNetwork(
  docker: Docker,
  spec: NetworkConnectSpec,
  known: NetworkSummary | undefined,
): Promise<void> {
  const addressProblem =
    spec.ipv4 && known
      ? connectAddressProblem(
          spec.ipv4,
          known.subnets.map((s) => s.subnet),
        )
      : null;
  if (addressProblem) throw new ContractError({ kind: 'bad-request', message: addressProblem });
  try {
    await docker.getNetwork(known?.id ?? spec.network).connect({
      Container: spec.container,
      EndpointConfig: {
        ...(spec.aliases.length ? { Aliases: spec.aliases } : {}),
        ...(spec.ipv4 ? { IPAMConfig: { IPv4Address: spec.ipv4 } } : {}),
      },
    });
  } catch (err) {
    const envelope = toErrorEnvelope(
      err,
      `Couldn't connect ${spec.container} to ${known?.name ?? spec.network}`,
    );
    throw new ContractError({
      ...envelope,
      hint:
        envelope.hint ??
        (envelope.kind === 'not-found'
          ? 'The container or the network is gone: pick another one.'
          : 'Read the details, change what they name, and try again.'),
    });
  }
}

async function disconnectNetwork(docker: Docker, spec: NetworkDisconnectSpec): Promise<void> {
  try {
    await docker
      .getNetwork(spec.network)
      .disconnect({ Container: spec.container, Force: spec.force });
  } catch (err) {
    const envelope = toErrorEnvelope(
      err,
      `Couldn't disconnect ${spec.container} from ${spec.network}`,
    );
    throw new ContractError({
      ...envelope,
      hint:
        envelope.hint ??
        'A container whose endpoint is stuck may need Force; a stopped one can be disconnected too.',
    });
  }
}
