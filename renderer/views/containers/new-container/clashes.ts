// Clashes Berth can see before the engine refuses: a name or a host port that a
// container on the list already holds. Said with the container's name, where the
// engine would only give a 64-character id.
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import type { RunSpec } from '../../../../electron/contract/run-spec/spec.ts';

type PortSpec = RunSpec['ports'][number];

const stateWords: Partial<Record<ContainerSummary['state'], string>> = {
  running: 'a running container',
  paused: 'a paused container',
  restarting: 'a restarting container',
  created: 'a container that was never started',
  exited: 'a stopped container',
  dead: 'a dead container',
};

/** "2 min ago" for a moment `created` (seconds since the epoch) seen at `now` (ms). */
export function ago(created: number, now: number): string {
  const seconds = Math.max(0, Math.round(now / 1000 - created));
  if (seconds < 60) return seconds < 5 ? 'just now' : `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** The container that has `name` already, or undefined. */
export function nameHolder(
  name: string,
  containers: ContainerSummary[],
): ContainerSummary | undefined {
  const wanted = name.trim().replace(/^\//, '');
  return wanted ? containers.find((c) => c.name === wanted) : undefined;
}

export function nameClashMessage(holder: ContainerSummary, now: number): string {
  const who = stateWords[holder.state] ?? 'a container';
  return `The name ${holder.name} is taken by ${who} (created ${ago(holder.created, now)}). Pick another name, or remove that container first.`;
}

const wildcard = (ip: string | undefined) => !ip || ip === '0.0.0.0' || ip === '::';

/** Two bindings of one port collide unless both name an address and the addresses differ. */
function sameSocket(a: string | undefined, b: string | undefined): boolean {
  return wildcard(a) || wildcard(b) || a === b;
}

export interface PortHolder {
  hostPort: number;
  protocol: PortSpec['protocol'];
  container: ContainerSummary;
}

/** Every host port a running container holds (a stopped one holds none until it starts). */
export function heldPorts(containers: ContainerSummary[]): PortHolder[] {
  return containers
    .filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting')
    .flatMap((container) =>
      container.ports.flatMap((p) =>
        p.publicPort
          ? [{ hostPort: p.publicPort, protocol: p.protocol, container, hostIp: p.hostIp }]
          : [],
      ),
    );
}

/** The container holding the host port a `-p` line asks for, if one does. */
export function portHolder(
  wanted: PortSpec,
  containers: ContainerSummary[],
): ContainerSummary | undefined {
  if (!wanted.hostPort) return undefined;
  return containers.find(
    (c) =>
      (c.state === 'running' || c.state === 'paused' || c.state === 'restarting') &&
      c.ports.some(
        (p) =>
          p.publicPort === wanted.hostPort &&
          p.protocol === wanted.protocol &&
          sameSocket(p.hostIp, wanted.hostIp),
      ),
  );
}

/**
 * The first port from `from` up for which `taken` says no, or null past 65535.
 * Starts at `from` itself, so a free port is kept as it is.
 */
export function nextFreePort(from: number, taken: (port: number) => boolean): number | null {
  for (let port = Math.max(1, from); port <= 65535; port++) if (!taken(port)) return port;
  return null;
}

/** The Ports text with `from` replaced by `to` as the host port of each line for that protocol. */
export function withHostPort(
  text: string,
  from: number,
  protocol: PortSpec['protocol'],
  to: number,
): string {
  return text
    .split('\n')
    .map((line) => {
      const match = /^(\s*(?:\[[^\]]+\]:|[\d.]+:)?)(\d+)(:\d+)(\/\w+)?(\s*)$/.exec(line);
      if (!match || Number(match[2]) !== from || (match[4]?.slice(1) ?? 'tcp') !== protocol)
        return line;
      return `${match[1]}${to}${match[3]}${match[4] ?? ''}${match[5]}`;
    })
    .join('\n');
}
