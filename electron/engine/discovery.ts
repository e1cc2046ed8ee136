// Finds the engines this user could use, in the order a Docker user expects:
// DOCKER_HOST, then the current Docker context, then the well-known sockets
// of the common tools. Every input is a parameter, so tests decide what is
// found. Finding is not choosing: every candidate is returned with its state,
// and pickDefault only proposes one.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { EngineCandidate, EngineSource } from '../contract/engine-types.ts';
import { currentContext, dockerConfigDir, readDockerContext } from './docker-context.ts';
import { parseEndpoint } from './endpoint.ts';
import { probeEndpoint } from './probe.ts';
import type { ProbeFn, ProbeResult } from './probe.ts';
import { wellKnownSockets } from './well-known-sockets.ts';
import type { WellKnownSocket } from './well-known-sockets.ts';

export interface DiscoveryInputs {
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  uid?: number;
  /** Replaces the platform's list of well-known sockets. */
  wellKnownSockets?: WellKnownSocket[];
  probe?: ProbeFn;
  /** Deadline for each probe; probes run concurrently, so also roughly for the whole discovery. */
  timeoutMs: number;
  /**
   * Also list well-known sockets whose file does not exist (state
   * 'unreachable', "not found"), e.g. to show where Berth looked. Off by
   * default: a tool that isn't installed is not a candidate.
   */
  includeMissing?: boolean;
}

/** One place discovery looked, before probing. */
interface Lead {
  endpoint: string;
  label: string;
  source: EngineSource;
  tls: boolean;
  /** DOCKER_HOST and the context are the user's explicit words: listed even when missing. */
  explicit: boolean;
  /** Set when the lead is already known to be broken (an unreadable context). */
  known?: ProbeResult;
  /** Stable id when there is no endpoint to use as one. */
  id?: string;
}

export async function discoverEngines(inputs: DiscoveryInputs): Promise<EngineCandidate[]> {
  const leads = [
    ...dockerHostLead(inputs.env),
    ...(await contextLeads(inputs)),
    ...(inputs.wellKnownSockets ?? wellKnownSockets(inputs)).map((s): Lead => ({
      ...s,
      source: 'well-known-socket',
      tls: false,
      explicit: false,
    })),
  ];

  const located = await Promise.all(leads.map(async (lead) => ({ lead, ...(await locate(lead)) })));
  const seen = new Set<string>();
  const kept = located.filter(({ key }) => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  const probe = inputs.probe ?? probeEndpoint;
  const candidates = await Promise.all(
    kept.map(async ({ lead, exists }): Promise<EngineCandidate | null> => {
      if (lead.known) return toCandidate(lead, lead.known);
      if (exists === false) {
        if (!lead.explicit && !inputs.includeMissing) return null;
        return toCandidate(lead, {
          state: 'unreachable',
          detail: `Not found: ${socketPathOf(lead.endpoint)} does not exist.`,
        });
      }
      return toCandidate(lead, await safeProbe(probe, lead, inputs));
    }),
  );
  return candidates.filter((c): c is EngineCandidate => c !== null);
}

/** The first candidate that answered, in discovery order; null means "start the managed engine". */
export function pickDefault(candidates: readonly EngineCandidate[]): EngineCandidate | null {
  return candidates.find((c) => c.state === 'reachable') ?? null;
}

/**
 * What to tell a user when nothing answered. On Linux the managed engine
 * needs a dockerd binary on the machine. On macOS and Windows Berth has no
 * engine of its own yet (its Linux VM is still to come), so the advice names
 * the tools discovery finds there; say only what is true today.
 */
export function noEngineAdvice(platform: NodeJS.Platform, dockerdInstalled: boolean): string {
  const thenRetry = 'Berth finds it: press Retry on the Engine page, or reopen Berth.';
  switch (platform) {
    case 'linux':
      return dockerdInstalled
        ? 'No container engine answered, so Berth starts its own private engine with the dockerd ' +
            'installed on this machine. To use your system engine instead, start it ' +
            '(`sudo systemctl start docker`) and choose it on the Engine page.'
        : 'No container engine answered, and dockerd is not installed, so Berth cannot start its own. ' +
            'Install Docker: on Debian or Ubuntu `sudo apt-get install docker.io`, on Fedora ' +
            "`sudo dnf install moby-engine`, elsewhere your distribution's docker package. Then reopen Berth.";
    case 'darwin':
      return (
        'No container engine answered, so Berth starts its own in a small Linux VM (it needs QEMU: ' +
        '`brew install qemu`). To use another engine instead, install and start one of ' +
        'Docker Desktop, Colima (`brew install colima docker`, then `colima start`), ' +
        `Rancher Desktop, OrbStack or Podman (\`podman machine start\`). ${thenRetry}`
      );
    case 'win32':
      return (
        'No container engine answered, so Berth starts its own in a small Linux VM (it needs QEMU, ' +
        'from qemu.org). To use another engine instead, install and start one of ' +
        `Docker Desktop, Rancher Desktop or Podman Desktop. ${thenRetry}`
      );
    default:
      return (
        "No container engine answered. Install Docker or Podman from your system's packages, start it, " +
        'and reopen Berth.'
      );
  }
}

function dockerHostLead(env: Record<string, string | undefined>): Lead[] {
  const host = env.DOCKER_HOST;
  if (!host) return [];
  // The CLI turns TLS on for any non-empty DOCKER_TLS_VERIFY, even "0".
  return [
    {
      endpoint: host,
      label: `Docker at ${host}`,
      source: 'docker-host',
      tls: !!env.DOCKER_TLS_VERIFY,
      explicit: true,
    },
  ];
}

/**
 * The current context as a lead. A context that is named but can't be used
 * (missing, unreadable, no docker endpoint) is still listed, with why: the
 * user's `docker` fails the same way, and they should learn it here.
 */
async function contextLeads(inputs: DiscoveryInputs): Promise<Lead[]> {
  const configDir = dockerConfigDir(inputs);
  const broken = (id: string, label: string, detail: string): Lead[] => [
    {
      id,
      endpoint: '',
      label,
      source: 'docker-context',
      tls: false,
      explicit: true,
      known: { state: 'unreachable', detail },
    },
  ];
  let current;
  try {
    current = await currentContext(configDir, inputs.env);
  } catch (error) {
    return broken(
      'context:current',
      'Current context',
      `Couldn't read the current Docker context: ${(error as Error).message}`,
    );
  }
  if (!current) return [];
  const label = contextLabel(current.name);
  const id = `context:${current.name}`;
  let context;
  try {
    context = await readDockerContext(configDir, current.name);
  } catch (error) {
    return broken(
      id,
      label,
      `Couldn't read Docker context "${current.name}": ${(error as Error).message}`,
    );
  }
  if (!context) {
    return broken(
      id,
      label,
      `Docker context "${current.name}" (named by ${current.from}) does not exist; \`docker context ls\` lists the ones that do.`,
    );
  }
  if (!context.host)
    return broken(id, label, `Docker context "${current.name}" has no Docker endpoint.`);
  return [
    { endpoint: context.host, label, source: 'docker-context', tls: context.tls, explicit: true },
  ];
}

/**
 * The key two leads share when they reach the same engine, and whether a
 * socket file is there at all. Symlinks resolve, so /var/run/docker.sock and
 * /run/docker.sock are one engine. `exists` is undefined when only a probe
 * can tell (named pipes, tcp, a folder we may not read).
 */
async function locate(lead: Lead): Promise<{ key: string; exists?: boolean }> {
  if (lead.known) return { key: lead.id ?? lead.endpoint };
  const parsed = parseEndpoint(lead.endpoint, { tls: lead.tls });
  switch (parsed.kind) {
    case 'unix':
      try {
        return { key: `unix://${await realpath(parsed.socketPath)}`, exists: true };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const key = `unix://${path.posix.normalize(parsed.socketPath)}`;
        // Any other failure (EACCES on a parent folder) is left for the probe to name.
        return code === 'ENOENT' || code === 'ENOTDIR' ? { key, exists: false } : { key };
      }
    case 'npipe':
      return { key: `npipe://${parsed.socketPath.toLowerCase()}` };
    case 'tcp':
      return { key: `tcp://${parsed.host.toLowerCase()}:${parsed.port}` };
    case 'ssh':
    case 'unsupported':
      return { key: lead.endpoint };
  }
}

/** A probe that throws is a bug in the probe, but one candidate must not sink discovery. */
async function safeProbe(
  probe: ProbeFn,
  lead: Lead,
  inputs: DiscoveryInputs,
): Promise<ProbeResult> {
  try {
    return await probe(lead.endpoint, {
      timeoutMs: inputs.timeoutMs,
      tls: lead.tls,
      platform: inputs.platform,
    });
  } catch (error) {
    return {
      state: 'unknown',
      detail: `Probing ${lead.endpoint} failed: ${(error as Error).message}`,
    };
  }
}

function socketPathOf(endpoint: string): string {
  const parsed = parseEndpoint(endpoint);
  return parsed.kind === 'unix' || parsed.kind === 'npipe' ? parsed.socketPath : endpoint;
}

function toCandidate(lead: Lead, result: ProbeResult): EngineCandidate {
  return {
    id: lead.id ?? lead.endpoint,
    label: lead.label,
    source: lead.source,
    endpoint: lead.endpoint,
    state: result.state,
    ...(result.detail !== undefined ? { detail: result.detail } : {}),
    ...(result.hint !== undefined ? { hint: result.hint } : {}),
    ...(result.apiVersion !== undefined ? { apiVersion: result.apiVersion } : {}),
  };
}

/** A context named after a known product is shown by that product's name. */
export function contextLabel(name: string): string {
  const products: [RegExp, string][] = [
    [/^colima(-|$)/, 'Colima'],
    [/^orbstack$/, 'OrbStack'],
    [/^desktop-(linux|windows)$/, 'Docker Desktop'],
    [/^rancher-desktop$/, 'Rancher Desktop'],
    [/^podman/, 'Podman'],
  ];
  const product = products.find(([pattern]) => pattern.test(name))?.[1];
  return product ? `${product} (docker context ${name})` : `Docker context ${name}`;
}
