// Docker endpoint URLs (`DOCKER_HOST`, a context's `Host`) turned into what
// node:http needs to connect. The accepted forms follow the Docker CLI's
// parseDaemonHost: unix://, tcp://, npipe://, ssh:// (engine/ssh/); fd:// is a
// real Docker endpoint that we do not speak, so it is named rather than rejected.
import type { SshSettings } from './ssh/ssh-target.ts';
import { parseSshUrl, type SshAddress } from './ssh/ssh-url.ts';

/**
 * An engine's address as the app holds it: the URL, and for a TLS `tcp://`
 * endpoint the folder of client certificates in the CLI's layout
 * (`DOCKER_CERT_PATH`: ca.pem, cert.pem, key.pem). Certificates never travel
 * to the renderer: candidates there carry the URL only.
 */
export interface EngineEndpoint {
  url: string;
  certPath?: string;
  /** For ssh://: the SSH files and agent to use instead of ~/.ssh and SSH_AUTH_SOCK. */
  ssh?: Partial<SshSettings>;
}

export type ParsedEndpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'npipe'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'ssh'; address: SshAddress }
  | { kind: 'unsupported'; reason: string };

/** The Docker CLI's default ports: 2375 plain, 2376 when TLS is on. */
const DEFAULT_TCP_PORT = 2375;
const DEFAULT_TLS_PORT = 2376;

export function parseEndpoint(endpoint: string, opts: { tls?: boolean } = {}): ParsedEndpoint {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(endpoint.trim());
  if (!match) {
    return {
      kind: 'unsupported',
      reason: `"${endpoint}" is not an endpoint URL (expected unix://, tcp://, npipe:// or ssh://)`,
    };
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const rest = match[2] ?? '';
  switch (scheme) {
    case 'unix':
      if (rest === '') return { kind: 'unsupported', reason: `"${endpoint}" names no socket path` };
      return { kind: 'unix', socketPath: rest };
    case 'npipe':
      return parseNpipe(endpoint, rest);
    case 'tcp':
      return parseTcp(endpoint, rest, opts.tls === true);
    case 'ssh': {
      const ssh = parseSshUrl(endpoint);
      return ssh.ok
        ? { kind: 'ssh', address: ssh.address }
        : { kind: 'unsupported', reason: ssh.reason };
    }
    case 'fd':
      return {
        kind: 'unsupported',
        reason: 'fd:// endpoints exist only for a daemon started by systemd',
      };
    default:
      return { kind: 'unsupported', reason: `${scheme}:// is not a Docker endpoint scheme` };
  }
}

/**
 * `npipe:////./pipe/docker_engine` carries the Windows pipe path with forward
 * slashes (`//./pipe/docker_engine`); Node wants `\\.\pipe\docker_engine`.
 */
function parseNpipe(endpoint: string, rest: string): ParsedEndpoint {
  const path = rest.replace(/\//g, '\\');
  if (!/^\\\\[^\\]+\\pipe\\[^\\]+/i.test(path)) {
    return {
      kind: 'unsupported',
      reason: `"${endpoint}" is not a named pipe path like npipe:////./pipe/NAME`,
    };
  }
  return { kind: 'npipe', socketPath: path };
}

function parseTcp(endpoint: string, rest: string, tls: boolean): ParsedEndpoint {
  // `tcp://` alone means localhost in the CLI; an explicit host is far more common.
  let url: URL;
  try {
    // A non-special scheme, so URL does not drop a port that equals http's 80.
    url = new URL(`tcp://${rest || 'localhost'}`);
  } catch (error) {
    return {
      kind: 'unsupported',
      reason: `"${endpoint}" is not a valid tcp:// address (${(error as Error).message})`,
    };
  }
  // URL keeps IPv6 brackets in `hostname`; node:http wants the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : tls ? DEFAULT_TLS_PORT : DEFAULT_TCP_PORT;
  return { kind: 'tcp', host, port };
}
