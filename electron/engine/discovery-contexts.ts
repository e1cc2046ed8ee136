// The Docker contexts on this machine as discovery leads: every stored
// context (`docker context ls`), the current one first and marked, each with
// the id `context:NAME`, its endpoint, its TLS files where it has some, and
// the name the user's CLI reaches it by. A context that cannot be used
// (missing, unreadable, no docker endpoint) is still listed with why: the
// user's `docker --context NAME` fails the same way, and they learn it here.
import type { EngineSource } from '../contract/engine-types.ts';
import {
  contextCertPath,
  currentContext,
  dockerConfigDir,
  listDockerContexts,
  type DockerContext,
} from './docker-context.ts';
import { parseEndpoint } from './endpoint.ts';
import type { ProbeResult } from './probe.ts';
import { contextUpdateCommand } from './tls-errors.ts';

/** One place discovery looked, before probing. */
export interface Lead {
  endpoint: string;
  label: string;
  source: EngineSource;
  tls: boolean;
  /** For TLS: the folder of client certificates (ca.pem, cert.pem, key.pem). */
  certPath?: string;
  /** The context the user's CLI reaches it by. */
  cliContext?: string;
  /** The context asked for SkipTLSVerify (Berth verifies anyway; the probe says so when that fails). */
  skipVerifyAsked?: boolean;
  /** DOCKER_HOST and contexts are the user's explicit words: listed even when missing. */
  explicit: boolean;
  /** Set when the lead is already known to be broken (an unreadable context). */
  known?: ProbeResult;
  /** Stable id when the endpoint is not the id. */
  id?: string;
}

interface ContextInputs {
  env: Record<string, string | undefined>;
  homeDir: string;
}

const DEFAULT_CONTEXT = 'default';

export async function contextLeads(inputs: ContextInputs): Promise<Lead[]> {
  const configDir = dockerConfigDir(inputs);
  const leads: Lead[] = [];
  let current: Awaited<ReturnType<typeof currentContext>> = null;
  try {
    // As the CLI: DOCKER_HOST without DOCKER_CONTEXT means the default context, whatever config.json says.
    const hostWins = !!inputs.env.DOCKER_HOST && !inputs.env.DOCKER_CONTEXT;
    current = hostWins ? null : await currentContext(configDir, inputs.env);
  } catch (error) {
    leads.push(
      brokenLead(
        'context:current',
        'Current context',
        `Couldn't read the current Docker context: ${(error as Error).message}`,
      ),
    );
  }
  let listing: Awaited<ReturnType<typeof listDockerContexts>>;
  try {
    listing = await listDockerContexts(configDir);
  } catch (error) {
    leads.push(
      brokenLead(
        'context:*',
        'Docker contexts',
        `Couldn't list the Docker contexts in ${configDir}: ${(error as Error).message}`,
      ),
    );
    listing = { contexts: [], unreadable: [] };
  }

  const contexts = listing.contexts.filter((c) => c.name !== DEFAULT_CONTEXT);
  if (current && !contexts.some((c) => c.name === current.name)) {
    leads.push(
      brokenLead(
        `context:${current.name}`,
        contextLabel(current.name, true),
        `Docker context "${current.name}" (named by ${current.from}) does not exist; \`docker context ls\` lists the ones that do.`,
      ),
    );
  }
  // The current context first, the others by name (listDockerContexts sorts them).
  const ordered = [
    ...contexts.filter((c) => c.name === current?.name),
    ...contexts.filter((c) => c.name !== current?.name),
  ];
  for (const context of ordered) {
    leads.push(leadOf(context, configDir, context.name === current?.name));
  }
  for (const { path, message } of listing.unreadable) {
    leads.push(
      brokenLead(
        `context-file:${path}`,
        'Unreadable Docker context',
        `Couldn't read the Docker context in ${path}: ${message}`,
      ),
    );
  }
  return leads;
}

function leadOf(context: DockerContext, configDir: string, isCurrent: boolean): Lead {
  const id = `context:${context.name}`;
  const label = contextLabel(context.name, isCurrent);
  if (!context.host) {
    return brokenLead(id, label, `Docker context "${context.name}" has no Docker endpoint.`, {
      cliContext: context.name,
    });
  }
  const isTcp = parseEndpoint(context.host).kind === 'tcp';
  if (isTcp && context.skipTLSVerify && !context.tls) {
    return brokenLead(
      id,
      label,
      `Docker context "${context.name}" sets SkipTLSVerify and holds no certificates. ` +
        'Berth never talks to an engine whose certificate it cannot check.',
      {
        cliContext: context.name,
        endpoint: context.host,
        hint:
          `Give the context its engine's CA certificate and a client certificate: ` +
          `\`${contextUpdateCommand(context.name, context.host)}\`.`,
      },
    );
  }
  const tls = isTcp && context.tls;
  return {
    id,
    endpoint: context.host,
    label,
    source: 'docker-context',
    tls,
    ...(tls ? { certPath: contextCertPath(configDir, context.name) } : {}),
    ...(tls && context.skipTLSVerify ? { skipVerifyAsked: true } : {}),
    cliContext: context.name,
    explicit: true,
  };
}

function brokenLead(
  id: string,
  label: string,
  detail: string,
  extra: { cliContext?: string; endpoint?: string; hint?: string } = {},
): Lead {
  return {
    id,
    endpoint: extra.endpoint ?? '',
    label,
    source: 'docker-context',
    tls: false,
    explicit: true,
    ...(extra.cliContext ? { cliContext: extra.cliContext } : {}),
    known: { state: 'unreachable', detail, ...(extra.hint ? { hint: extra.hint } : {}) },
  };
}

/** A context named after a known product is shown by that product's name; the current one says so. */
export function contextLabel(name: string, isCurrent = false): string {
  const products: [RegExp, string][] = [
    [/^colima(-|$)/, 'Colima'],
    [/^orbstack$/, 'OrbStack'],
    [/^desktop-(linux|windows)$/, 'Docker Desktop'],
    [/^rancher-desktop$/, 'Rancher Desktop'],
    [/^podman/, 'Podman'],
  ];
  const product = products.find(([pattern]) => pattern.test(name))?.[1];
  const current = isCurrent ? ', the current context' : '';
  return product
    ? `${product} (docker context ${name}${current})`
    : `Docker context ${name}${isCurrent ? ' (the current context)' : ''}`;
}
