// Finds the engines this user could use, in the order a Docker user expects:
// DOCKER_HOST, then the Docker contexts (the current one first), then the
// well-known sockets of the common tools. Leads that reach the same engine
// are merged into the first, keeping the context's name visible. Every input is a parameter, so tests decide what is
// found. Finding is not choosing: every candidate is returned with its state,
// and pickDefault only proposes one.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { EngineCandidate } from '../contract/engine-types.ts';
import { contextLeads, type Lead } from './discovery-contexts.ts';
import { parseEndpoint } from './endpoint.ts';
import { probeEndpoint } from './probe.ts';
import type { ProbeFn, ProbeResult } from './probe.ts';
import { wellKnownSockets } from './well-known-sockets.ts';
import type { WellKnownSocket } from './well-known-sockets.ts';

export { contextLabel } from './discovery-contexts.ts';

/**
 * A candidate as discovery found it: with the folder of TLS client
 * certificates it is reached with. The engine provider keeps `certPath` and
 * sends the renderer the candidate without it.
 */
export interface FoundEngine extends EngineCandidate {
  certPath?: string;
}

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

export async function discoverEngines(inputs: DiscoveryInputs): Promise<FoundEngine[]> {
  const leads = [
    ...dockerHostLead(inputs),
    ...(await contextLeads(inputs)),
    ...(inputs.wellKnownSockets ?? wellKnownSockets(inputs)).map((s): Lead => ({
      ...s,
      source: 'well-known-socket',
      tls: false,
      explicit: false,
    })),
  ];

  const located = await Promise.all(leads.map(async (lead) => ({ lead, ...(await locate(lead)) })));
  const kept = mergeSameEngine(located);

  const probe = inputs.probe ?? probeEndpoint;
  const candidates = await Promise.all(
    kept.map(async ({ lead, exists }): Promise<FoundEngine | null> => {
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
  return candidates.filter((c): c is FoundEngine => c !== null);
}

/**
 * One row per engine, in discovery order: a well-known socket that an earlier
 * lead reaches is dropped; a context that reaches the engine DOCKER_HOST names
 * without certificates of its own lends it its name, so the user still sees
 * `docker --context NAME` there. Contexts never fold into each other, nor a
 * context with TLS files into anything: each is the user's own entry,
 * perhaps with other certificates, and stays a row of its own.
 */
function mergeSameEngine<T extends { lead: Lead; key: string }>(located: T[]): T[] {
  const kept = new Map<string, T>();
  for (const entry of located) {
    const first = kept.get(entry.key);
    if (!first) {
      kept.set(entry.key, { ...entry, lead: { ...entry.lead } });
      continue;
    }
    const name = entry.lead.cliContext;
    if (!name) continue;
    if (
      first.lead.source !== 'docker-context' &&
      first.lead.cliContext === undefined &&
      !entry.lead.tls &&
      !entry.lead.known
    ) {
      first.lead.cliContext = name;
      first.lead.label += ` (docker context ${name})`;
    } else kept.set(`${entry.key}#${entry.lead.id ?? name}`, entry);
  }
  return [...kept.values()];
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

function dockerHostLead(inputs: DiscoveryInputs): Lead[] {
  const { env } = inputs;
  const host = env.DOCKER_HOST;
  if (!host) return [];
  // The CLI turns TLS on for any non-empty DOCKER_TLS_VERIFY, even "0", and
  // reads the certificates from DOCKER_CERT_PATH, else ~/.docker.
  const tls = !!env.DOCKER_TLS_VERIFY && parseEndpoint(host).kind === 'tcp';
  return [
    {
      endpoint: host,
      label: `Docker at ${host}`,
      source: 'docker-host',
      tls,
      ...(tls ? { certPath: env.DOCKER_CERT_PATH || path.join(inputs.homeDir, '.docker') } : {}),
      explicit: true,
    },
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
      ...(lead.certPath !== undefined ? { certPath: lead.certPath } : {}),
      ...(lead.skipVerifyAsked ? { skipVerifyAsked: true } : {}),
      ...(lead.tls && lead.source === 'docker-context' ? { context: lead.cliContext } : {}),
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

function toCandidate(lead: Lead, result: ProbeResult): FoundEngine {
  return {
    id: lead.id ?? lead.endpoint,
    label: lead.label,
    source: lead.source,
    endpoint: lead.endpoint,
    state: result.state,
    ...(result.detail !== undefined ? { detail: result.detail } : {}),
    ...(result.hint !== undefined ? { hint: result.hint } : {}),
    ...(result.apiVersion !== undefined ? { apiVersion: result.apiVersion } : {}),
    ...(lead.cliContext !== undefined ? { cliContext: lead.cliContext } : {}),
    ...(lead.certPath !== undefined ? { certPath: lead.certPath } : {}),
  };
}
