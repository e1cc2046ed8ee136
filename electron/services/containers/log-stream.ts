// `containers.logs`: the engine's log response decoded into JSON lines
// (LogRecord). Memory stays bounded on both paths: a follow pauses the engine
// response whenever the consumer's buffer is full (the pump's back-pressure),
// so bytes wait in the kernel rather than here; a windowed read (`last`) keeps
// only its last lines in a ring and counts the rest.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { LogLine, LogQuery, LogRecord } from '../../contract/container-logs-channels.ts';
import { LogDecoder } from './log-decoder.ts';

/** The engine's log response for `query` (timestamps on), and whether it is raw (a TTY). */
export async function requestLogs(
  docker: Docker,
  query: Pick<LogQuery, 'id' | 'tail' | 'since' | 'until' | 'follow'>,
  timestamps = true,
): Promise<{ res: IncomingMessage; tty: boolean }> {
  const container = docker.getContainer(query.id);
  const info = await container.inspect();
  const options = {
    follow: query.follow,
    stdout: true,
    stderr: true,
    timestamps,
    ...(query.tail !== undefined ? { tail: query.tail } : {}),
    ...(query.since !== undefined ? { since: query.since } : {}),
    ...(query.until !== undefined ? { until: query.until } : {}),
  };
  // Through the modem: dockerode's logs() buffers the whole answer in memory
  // unless it follows, and a log (or a window of it) may be gigabytes.
  const modem = container.modem as {
    dial(opts: object, callback: (err: Error | null, res: IncomingMessage) => void): void;
  };
  const res = await new Promise<IncomingMessage>((resolve, reject) =>
    modem.dial(
      {
        path: `/containers/${encodeURIComponent(query.id)}/logs?`,
        method: 'GET',
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options,
      },
      (err, response) => (err ? reject(err) : resolve(response)),
    ),
  );
  return { res, tty: info.Config?.Tty === true };
}

export function openLogStream(docker: Docker, query: LogQuery): Readable {
  let res: IncomingMessage | null = null;
  let closed = false;
  const out = new Readable({
    read() {
      res?.resume();
    },
    destroy(error, callback) {
      closed = true;
      res?.destroy();
      callback(error);
    },
  });
  const send = (records: LogRecord[]) => {
    if (closed || records.length === 0) return;
    const text = records.map((r) => JSON.stringify(r)).join('\n');
    if (!out.push(`${text}\n`)) res?.pause();
  };
  const keep = query.last !== undefined ? new LastLines(query.last) : null;

  requestLogs(docker, query)
    .then(({ res: response, tty }) => {
      if (closed) return void response.destroy();
      res = response;
      const decoder = new LogDecoder({ tty });
      response.on('data', (chunk: Buffer) => {
        const lines = decoder.push(chunk);
        if (keep) keep.add(lines);
        else send(lines);
      });
      response.once('end', () => {
        const rest = decoder.end();
        if (keep) {
          keep.add(rest);
          send(keep.records());
        } else send(rest);
        if (!closed) out.push(null);
      });
      response.once('error', (err) => {
        if (!closed) out.destroy(err);
      });
    })
    .catch((err: unknown) => {
      if (!closed) out.destroy(err as Error);
    });
  return out;
}

/** The last `cap` lines of a read, and how many came before them. */
export class LastLines {
  readonly #cap: number;
  #lines: LogLine[] = [];
  #dropped = 0;

  constructor(cap: number) {
    this.#cap = cap;
  }

  add(lines: LogLine[]): void {
    this.#lines.push(...lines);
    // Trim in batches: an array shift per line would be quadratic.
    if (this.#lines.length > 2 * this.#cap) this.#trim();
  }

  records(): LogRecord[] {
    this.#trim();
    return this.#dropped ? [{ dropped: this.#dropped }, ...this.#lines] : this.#lines;
  }

  #trim(): void {
    const over = this.#lines.length - this.#cap;
    if (over <= 0) return;
    this.#dropped += over;
    this.#lines = this.#lines.slice(over);
  }
}
