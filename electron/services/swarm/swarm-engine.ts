// The engine's Swarm endpoints, reached through the modem of a dockerode
// client: dockerode's own helpers send a POST's whole body again as its query
// string (a service spec in the URL) and leave `version` to guesswork, so
// each request here says exactly what goes in the query and what in the body.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';

interface Dial {
  dial(opts: object, callback: (err: Error | null, data: unknown) => void): void;
}

export interface EngineRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Built from checked ids only (swarm-refs.ts), each through encodeURIComponent. */
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
}

/** Every answer the Swarm endpoints give; those not `true` reject with the engine's message. */
const STATUS_CODES = {
  200: true,
  201: true,
  204: true,
  400: 'bad parameter',
  403: 'forbidden',
  404: 'not found',
  406: 'node is not part of a swarm',
  409: 'conflict',
  500: 'server error',
  503: 'node is not part of a swarm or not a manager',
};

function modemOf(docker: Docker): Dial {
  return (docker as unknown as { modem: Dial }).modem;
}

/** One request; resolves with the parsed JSON answer (or null for none). */
export function engineRequest<T>(docker: Docker, req: EngineRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    modemOf(docker).dial(
      {
        path: `${req.path}?`,
        method: req.method,
        statusCodes: STATUS_CODES,
        // An empty body is left out (the modem sends `{}` as none); without it the modem would send the options.
        options: { _query: req.query ?? {}, _body: req.body ?? {} },
      },
      (err, data) => (err ? reject(err) : resolve((data ?? null) as T)),
    );
  });
}

/** A streaming GET: the response, undecoded (logs). */
export function engineStream(docker: Docker, req: EngineRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    modemOf(docker).dial(
      {
        path: `${req.path}?`,
        method: req.method,
        isStream: true,
        statusCodes: STATUS_CODES,
        options: { _query: req.query ?? {} },
      },
      (err, data) => (err ? reject(err) : resolve(data as IncomingMessage)),
    );
  });
}
