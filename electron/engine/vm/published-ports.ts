// Which of a container's published ports QEMU can forward to the host's
// loopback, and how a set of forwards becomes monitor commands. Pure: the
// port forwarder (port-forwarder.ts) does the I/O.
//
// A port published in the VM listens on the guest's addresses; QEMU's user
// network ("slirp") reaches it only through `hostfwd`, which connects to the
// guest's eth0 address (10.0.2.15). So a port published on every address
// (HostIp 0.0.0.0, :: or empty) can be forwarded, at the same number, to the
// host's 127.0.0.1; one published on the guest's own 127.0.0.1 cannot.
import { guestNetwork } from './guest-contract.ts';

export type ForwardProtocol = 'tcp' | 'udp';

/** One host port QEMU should forward to the same port in the guest. */
export interface Forward {
  protocol: ForwardProtocol;
  port: number;
  containerId: string;
  /** The container's name, as the user knows it. */
  container: string;
}

/** A published port that does not reach the host, and why (VmStatus.portProblems). */
export interface PortProblem {
  port: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  container: string;
  reason: string;
}

/** What the forwarder needs of `GET /containers/{id}/json`. */
export interface ContainerPorts {
  Id: string;
  Name?: string;
  State?: { Running?: boolean };
  NetworkSettings?: {
    Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
  } | null;
}

/** Addresses that mean "every address of the guest", which slirp's forward reaches. */
const REACHABLE_HOST_IPS = new Set(['', '0.0.0.0', '::', guestNetwork.guestAddress]);

export function forwardKey(f: { protocol: string; port: number }): string {
  return `${f.protocol}/${f.port}`;
}

export function containerName(inspect: Pick<ContainerPorts, 'Id' | 'Name'>): string {
  const name = (inspect.Name ?? '').replace(/^\//, '');
  return name || inspect.Id.slice(0, 12);
}

/**
 * The forwards a running container needs, and the ports it publishes that
 * cannot be forwarded. A stopped container needs none. Ports published on both
 * 0.0.0.0 and :: (dockerd lists each) are one forward.
 */
export function portsToForward(inspect: ContainerPorts): {
  forwards: Forward[];
  problems: PortProblem[];
} {
  const forwards = new Map<string, Forward>();
  const problems = new Map<string, PortProblem>();
  if (!inspect.State?.Running) return { forwards: [], problems: [] };
  const container = containerName(inspect);
  for (const [spec, bindings] of Object.entries(inspect.NetworkSettings?.Ports ?? {})) {
    const protocol = spec.split('/')[1] ?? 'tcp';
    const containerPort = spec.split('/')[0] ?? '';
    for (const binding of bindings ?? []) {
      const port = Number(binding.HostPort);
      // Exposed but not published: nothing listens in the guest.
      if (!Number.isInteger(port) || port < 1 || port > 65_535) continue;
      if (protocol !== 'tcp' && protocol !== 'udp') {
        problems.set(`${protocol}/${port}`, {
          port,
          protocol: 'sctp',
          container,
          reason: `${protocol.toUpperCase()} ports cannot be forwarded out of Berth's VM: QEMU forwards TCP and UDP only.`,
        });
        continue;
      }
      const hostIp = binding.HostIp ?? '';
      if (REACHABLE_HOST_IPS.has(hostIp)) {
        const forward: Forward = { protocol, port, containerId: inspect.Id, container };
        forwards.set(forwardKey(forward), forward);
        continue;
      }
      problems.set(`${hostIp}/${forwardKey({ protocol, port })}`, {
        port,
        protocol,
        container,
        reason:
          `Published on ${hostIp} inside Berth's VM, which this computer cannot reach. ` +
          `Publish it on every address (-p ${port}:${containerPort}) to reach it at 127.0.0.1:${port}: ` +
          'Berth forwards only to this computer’s 127.0.0.1 anyway.',
      });
    }
  }
  // A port both forwarded and refused (0.0.0.0 and 127.0.0.1 at once) is forwarded: no problem.
  for (const [key, problem] of problems) {
    if (forwards.has(forwardKey(problem))) problems.delete(key);
  }
  return { forwards: [...forwards.values()], problems: [...problems.values()] };
}

/** What to add and remove so that `current` becomes `wanted` (both keyed by forwardKey). */
export function diffForwards(
  wanted: ReadonlyMap<string, Forward>,
  current: ReadonlyMap<string, Forward>,
): { add: Forward[]; remove: Forward[] } {
  const add = [...wanted].filter(([key]) => !current.has(key)).map(([, f]) => f);
  const remove = [...current].filter(([key]) => !wanted.has(key)).map(([, f]) => f);
  const byPort = (a: Forward, b: Forward) =>
    a.port - b.port || a.protocol.localeCompare(b.protocol);
  return { add: add.sort(byPort), remove: remove.sort(byPort) };
}

/** HMP commands (sent through QMP's human-monitor-command). */
export function hostfwdAdd(f: { protocol: ForwardProtocol; port: number }): string {
  return `hostfwd_add ${f.protocol}:127.0.0.1:${f.port}-:${f.port}`;
}

export function hostfwdRemove(f: { protocol: ForwardProtocol; port: number }): string {
  return `hostfwd_remove ${f.protocol}:127.0.0.1:${f.port}`;
}

/**
 * HMP answers a successful hostfwd_add with nothing, and a failure with a line
 * such as "Could not set up host forwarding rule 'tcp:127.0.0.1:8080-:8080'"
 * (the host port is taken; QEMU 7.2 says no more). Null means it worked.
 */
export function hostfwdAddFailure(reply: string): string | null {
  const text = reply.trim();
  return text === '' ? null : text;
}

/** "…removed" and "…not found" both leave no forward behind; anything else is a failure. */
export function hostfwdRemoveFailure(reply: string): string | null {
  const text = reply.trim();
  return text === '' || /\b(removed|not found)\b/.test(text) ? null : text;
}

/** A forward QEMU lists in `info usernet`. */
export interface ListedForward {
  protocol: ForwardProtocol;
  hostAddress: string;
  hostPort: number;
  guestAddress: string;
  guestPort: number;
}

/**
 * Parses QEMU's `info usernet`, whose forward lines read
 * `  TCP[HOST_FORWARD]  13       127.0.0.1  8080       10.0.2.15  8080     0     0`.
 */
export function parseHostForwards(infoUsernet: string): ListedForward[] {
  const listed: ListedForward[] = [];
  for (const line of infoUsernet.split(/\r?\n/)) {
    const m = /^\s*(TCP|UDP)\[HOST_FORWARD\]\s+-?\d+\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)/.exec(line);
    if (!m) continue;
    listed.push({
      protocol: m[1] === 'UDP' ? 'udp' : 'tcp',
      hostAddress: m[2] ?? '',
      hostPort: Number(m[3]),
      guestAddress: m[4] ?? '',
      guestPort: Number(m[5]),
    });
  }
  return listed;
}
