// The dockerode client for one engine endpoint, made safe to hand names from
// the renderer: every name dockerode puts into a URL path is percent-encoded
// (the contract's schemas already refuse `..`, `?`, `#` and the like; this is
// the second lock), and redirects are never followed. Without the latter, a
// path the engine cleans (`/images/x/../../h:1/a/json`) came back as a 301
// naming another host, and docker-modem went there, outside any error handler.
import Docker from 'dockerode';
import { createRequire } from 'node:module';
import { ContractError } from '../contract/errors.ts';
import {
  connectable,
  pingEndpoint,
  type EngineEndpoint,
  type PingResult,
} from '../engine/endpoint-request.ts';
import { taggingTlsAgent } from '../engine/tls-diagnosis.ts';

// docker-modem follows redirects itself (its lib/http.js, up to `maxRedirects`);
// 0 turns a redirect into an error on the request, which its caller handles.
const requireFromDockerode = createRequire(createRequire(import.meta.url).resolve('dockerode'));
(requireFromDockerode('docker-modem/lib/http.js') as { maxRedirects: number }).maxRedirects = 0;

interface EngineClientOptions {
  /** A socket that stays silent this long fails the request; none for streams meant to stay open. */
  timeoutMs?: number;
}

/**
 * What the app needs to talk to one engine: a client for calls (a silent
 * socket fails them), one for streams (no socket timeout; each stream keeps
 * its own deadlines), and a ping.
 */
export interface EndpointClient {
  calls: Docker;
  streams: Docker;
  ping(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<PingResult>;
}

export function endpointClient(endpoint: EngineEndpoint, callTimeoutMs: number): EndpointClient {
  return {
    calls: engineClient(endpoint, { timeoutMs: callTimeoutMs }),
    streams: engineClient(endpoint),
    ping: (opts) => pingEndpoint(endpoint, opts),
  };
}

export function engineClient(
  endpoint: EngineEndpoint | string,
  opts: EngineClientOptions = {},
): Docker {
  const parsed = connectable(typeof endpoint === 'string' ? { url: endpoint } : endpoint);
  const timeout = opts.timeoutMs ? { timeout: opts.timeoutMs } : {};
  let docker: Docker;
  switch (parsed.kind) {
    case 'unix':
    case 'npipe':
      docker = new Docker({ socketPath: parsed.socketPath, ...timeout });
      break;
    case 'tcp':
      docker = new Docker({ host: parsed.host, port: parsed.port, protocol: 'http', ...timeout });
      break;
    case 'tls':
      docker = new Docker({
        host: parsed.host,
        port: parsed.port,
        protocol: 'https',
        ...parsed.tls,
        ...timeout,
        // Node's global agent keeps sockets alive; to the VM's engine (QEMU's user network)
        // a reused idle one was reset mid-call ("Couldn't start web: ECONNRESET"). A socket
        // per call, its TLS session resumed, costs little. docker-modem passes `agent` on;
        // dockerode's types do not list it.
        // The agent tags socket errors with their target, for engine-errors' TLS words.
        ...({ agent: taggingTlsAgent(endpoint as EngineEndpoint) } as object),
      });
      break;
    case 'ssh':
      // Each connection is a `docker system dial-stdio` channel; the host is only the Host header.
      docker = new Docker({
        host: 'docker',
        protocol: 'http',
        ...timeout,
        ...({ agent: parsed.session.httpAgent() } as object),
      });
      break;
    case 'unsupported':
      throw new ContractError({ kind: 'bad-request', message: parsed.reason });
  }
  return encodingNames(docker);
}

/** dockerode concatenates these names into paths (`'/images/' + name + '/json'`). */
function encodingNames(docker: Docker): Docker {
  const getContainer = docker.getContainer.bind(docker);
  const getImage = docker.getImage.bind(docker);
  const getVolume = docker.getVolume.bind(docker);
  const getNetwork = docker.getNetwork.bind(docker);
  const getExec = docker.getExec.bind(docker);
  docker.getContainer = (id) => getContainer(encodePathName(id));
  docker.getImage = (name) => getImage(encodePathName(name));
  docker.getVolume = (name) => getVolume(encodePathName(name));
  docker.getNetwork = (id) => getNetwork(encodePathName(id));
  docker.getExec = (id) => getExec(encodePathName(id));
  return docker;
}

/**
 * Percent-encodes a name for a URL path, keeping the `/`, `:` and `@` that image
 * references use (`localhost:5000/app:1`, `app@sha256:…`), as the CLI's own
 * client does; a `.` or `..` segment is encoded too, so no path can climb.
 */
function encodePathName(name: string): string {
  return name
    .split('/')
    .map((segment) =>
      segment === '.' || segment === '..'
        ? segment.replaceAll('.', '%2E')
        : encodeURIComponent(segment).replaceAll('%3A', ':').replaceAll('%40', '@'),
    )
    .join('/');
}
