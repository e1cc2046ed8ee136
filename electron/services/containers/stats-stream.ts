// `containers.stats`: one engine stats request per container, merged into one
// stream of JSON lines (StatsLine). The engine has no event for stats, so
// nothing is asked unless a renderer shows the figures: every engine request
// lives exactly as long as this stream, and ends early when its container stops.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { StatsLine } from '../../contract/container-stats.ts';
import { LineSplitter } from '../../contract/line-splitter.ts';
import {
  blockIoBytes,
  cpuPercent,
  isStoppedSample,
  memoryLimit,
  memoryPercent,
  memoryUsed,
  networkBytes,
  pidsCurrent,
  type EngineStats,
} from './stats-math.ts';

interface StatsStreamOptions {
  /** A client without a request timeout: a paused stream may stay quiet for a while. */
  docker: Docker;
  /** The engine's memory, to tell "no limit" (the engine then reports the host's) from a limit. */
  hostMemoryBytes?: number;
  /** Told when an engine request opens and when it is closed (tracing, tests). */
  onTrace?(event: 'open' | 'close', id: string): void;
}

/**
 * Samples for `ids` until the returned stream is destroyed. A container that is
 * not running (or does not exist) gets one `gone` line; the stream ends when
 * none is left.
 */
export function openStatsStream(ids: string[], opts: StatsStreamOptions): Readable {
  const unique = [...new Set(ids)];
  const requests = new Map<string, IncomingMessage>();
  let left = unique.length;
  let closed = false;

  const out = new Readable({
    // The consumer wants more: let paused engine responses flow again.
    read() {
      for (const res of requests.values()) res.resume();
    },
    destroy(error, callback) {
      closed = true;
      for (const id of [...requests.keys()]) close(id);
      callback(error);
    },
  });

  const send = (line: StatsLine) => {
    if (closed) return;
    // Over the consumer's buffer (the pump paused us): stop reading the engine, so
    // samples wait in the kernel's socket buffer instead of in our memory.
    if (!out.push(`${JSON.stringify(line)}\n`)) {
      for (const res of requests.values()) res.pause();
    }
  };

  const close = (id: string) => {
    const res = requests.get(id);
    if (!res) return;
    requests.delete(id);
    res.destroy();
    opts.onTrace?.('close', id);
  };

  /** This id sends nothing more: tell the renderer, and end when none is left. */
  const done = (id: string) => {
    close(id);
    send({ id, gone: true });
    if (--left === 0 && !closed) out.push(null);
  };

  const follow = async (id: string) => {
    let res: IncomingMessage;
    try {
      res = (await opts.docker.getContainer(id).stats({ stream: true })) as IncomingMessage;
    } catch (err) {
      // No such container (404), or the engine went away: no figures for this one.
      if (!closed) console.warn(`[stats] ${id.slice(0, 12)}: ${(err as Error).message}`);
      if (!closed) done(id);
      return;
    }
    if (closed) {
      res.destroy();
      return;
    }
    requests.set(id, res);
    opts.onTrace?.('open', id);
    const splitter = new LineSplitter();
    res.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) {
        if (!line.trim() || !requests.has(id)) continue;
        let sample: EngineStats;
        try {
          sample = JSON.parse(line) as EngineStats;
        } catch {
          console.warn(`[stats] ${id.slice(0, 12)}: the engine sent a line that is not JSON`);
          return done(id);
        }
        // After a stop the engine keeps sending empty samples; a stopped one ends at once.
        if (isStoppedSample(sample)) return done(id);
        const cpu = cpuPercent(sample);
        send({
          id,
          cpu: round2(cpu),
          memory: memoryUsed(sample),
          limit: memoryLimit(sample, opts.hostMemoryBytes),
          memoryPercent: round2(memoryPercent(sample)),
          network: networkBytes(sample),
          blockIo: blockIoBytes(sample),
          pids: pidsCurrent(sample),
        });
      }
    });
    const ended = () => {
      if (requests.has(id)) done(id);
    };
    res.once('end', ended);
    res.once('close', ended);
    res.once('error', (err) => {
      if (requests.has(id)) console.warn(`[stats] ${id.slice(0, 12)}: ${err.message}`);
      ended();
    });
  };

  if (left === 0) out.push(null);
  for (const id of unique) void follow(id);
  return out;
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
