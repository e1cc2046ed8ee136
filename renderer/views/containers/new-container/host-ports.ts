// Host ports for the dialog: chosen for what the image declares (the same port
// when free, else the next free one), and checked as typed, against the
// containers on the list and, through `ports.check`, every other program on
// the engine's machine.
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import type { HostPortQuery, PortCheck } from '../../../../electron/contract/ports-channels.ts';
import type { RunSpec } from '../../../../electron/contract/run-spec/spec.ts';
import { heldPorts, nextFreePort, portHolder } from './clashes.ts';

type PortSpec = RunSpec['ports'][number];
export type PortChecker = (ports: HostPortQuery[]) => Promise<PortCheck>;

/** How many ports after a busy one are tried at once for the next free one. */
const LOOKAHEAD = 8;

export interface PortProblem {
  hostPort: number;
  protocol: PortSpec['protocol'];
  message: string;
  /** The next free host port, for a one-click fix; null when none was found. */
  suggestion: number | null;
}

export interface PortReport {
  problems: PortProblem[];
  /** Said when programs' ports cannot be checked (an engine on another machine). */
  note: string | null;
}

const key = (port: number, protocol: string) => `${port}/${protocol}`;
const checkable = (p: { protocol: string }): p is { protocol: 'tcp' | 'udp' } =>
  p.protocol === 'tcp' || p.protocol === 'udp';

function uncheckableNote(engineHost: string): string {
  return `Programs on ${engineHost} that use a port can't be seen from here: the engine says so when the container starts.`;
}

/** Up to LOOKAHEAD ports from `from` that no container holds and `skip` does not name. */
function candidates(from: number, protocol: string, taken: Set<string>): number[] {
  const out: number[] = [];
  let port: number | null = from;
  while (out.length < LOOKAHEAD && port !== null && port <= 65535) {
    port = nextFreePort(port, (p) => taken.has(key(p, protocol)));
    if (port === null) break;
    out.push(port);
    port += 1;
  }
  return out;
}

/** Asks the engine's host about `ports` (tcp/udp only); the busy ones as keys. */
async function busyOnHost(
  ports: HostPortQuery[],
  check: PortChecker,
): Promise<{ busy: Set<string>; note: string | null }> {
  if (!ports.length) return { busy: new Set(), note: null };
  const answer = await check(ports);
  if (!answer.checkable) return { busy: new Set(), note: uncheckableNote(answer.engineHost) };
  return { busy: new Set(answer.busy.map((p) => key(p.port, p.protocol))), note: null };
}

/**
 * `-p` lines for the ports an image declares (`80/tcp`), each on the same host
 * port when free, else the next free one; a declared port with no free host
 * port near it is left for the engine to place.
 */
export async function chooseHostPorts(
  declared: string[],
  containers: ContainerSummary[],
  check: PortChecker,
): Promise<string[]> {
  const taken = new Set(heldPorts(containers).map((h) => key(h.hostPort, h.protocol)));
  const wanted = declared.map((d) => {
    const [port = '', protocol = 'tcp'] = d.split('/');
    return { port: Number(port), protocol, line: d };
  });
  const asked = wanted.flatMap((w) =>
    checkable(w)
      ? candidates(w.port, w.protocol, taken).map((port) => ({ port, protocol: w.protocol }))
      : [],
  );
  const { busy } = await busyOnHost(asked, check);
  return wanted.map((w) => {
    if (!checkable(w) || !Number.isInteger(w.port) || w.port < 1) return w.line;
    const free = candidates(w.port, w.protocol, taken).find((p) => !busy.has(key(p, w.protocol)));
    if (free === undefined) return w.line;
    taken.add(key(free, w.protocol)); // two declared ports never get one host port
    return `${free}:${w.port}/${w.protocol}`;
  });
}

/** What stands in the way of each host port the form asks for, with the next free port. */
export async function checkHostPorts(
  ports: PortSpec[],
  containers: ContainerSummary[],
  check: PortChecker,
): Promise<PortReport> {
  const asked = ports.filter((p) => p.hostPort !== undefined);
  const taken = new Set([
    ...heldPorts(containers).map((h) => key(h.hostPort, h.protocol)),
    ...asked.map((p) => key(p.hostPort!, p.protocol)),
  ]);
  const typed = asked.filter((p) => !portHolder(p, containers) && checkable(p));
  const first = await busyOnHost(
    typed.map((p) => ({
      port: p.hostPort!,
      protocol: p.protocol as 'tcp' | 'udp',
      ...(p.hostIp ? { hostIp: p.hostIp } : {}),
    })),
    check,
  );
  const found = asked.flatMap((spec) => {
    const holder = portHolder(spec, containers);
    const port = spec.hostPort!;
    if (holder) {
      return [
        {
          spec,
          message: `Host port ${port} is used by the container ${holder.name} (${holder.state}).`,
        },
      ];
    }
    if (checkable(spec) && first.busy.has(key(port, spec.protocol))) {
      return [
        {
          spec,
          message: `Host port ${port} is in use by another program on this machine (not a container).`,
        },
      ];
    }
    return [];
  });
  // A second round trip only when something clashed: the next ports after each.
  const next = found.flatMap(({ spec }) =>
    checkable(spec)
      ? candidates(spec.hostPort! + 1, spec.protocol, taken).map((port) => ({
          port,
          protocol: spec.protocol as 'tcp' | 'udp',
        }))
      : [],
  );
  const second = await busyOnHost(next, check);
  const problems = found.map(({ spec, message }): PortProblem => ({
    hostPort: spec.hostPort!,
    protocol: spec.protocol,
    message,
    suggestion:
      candidates(spec.hostPort! + 1, spec.protocol, taken).find(
        (p) => !second.busy.has(key(p, spec.protocol)),
      ) ?? null,
  }));
  return { problems, note: first.note ?? second.note };
}
