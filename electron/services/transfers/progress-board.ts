// The bytes of every transfer, counted where both faces pass: Transfers wraps
// a download's stream and an upload's body in a counting pass-through (chunk
// lengths only, never a copy), and `watch` reads the count out as lines for
// `transfers.progress`, throttled, with timers only while something is due.
import { pipeline, Readable, Transform } from 'node:stream';
import { ContractError, type ErrorEnvelope } from '../../contract/errors.ts';
import type { TransferProgress } from '../../contract/transfer-progress-channels.ts';
import { systemClock, type Clock, type TimerHandle } from '../../engine/clock.ts';
import { toErrorEnvelope } from '../engine-errors.ts';

/** Lines go out at most this often; the last one as soon as its turn comes. */
export const PROGRESS_INTERVAL_MS = 200;
/** An ended transfer is still told for this long (a page may ask just after a quick one). */
const KEPT_MS = 60_000;
const MAX_KEPT = 1000;

interface Entry {
  progress: TransferProgress;
  /** The ticket's expiry: a transfer still waiting then will never move. */
  expiresAt: number;
  endedAt?: number;
  listeners: Set<() => void>;
}

/** What a face's transfer reports as it goes. */
export interface Meter {
  start(total: number | null): void;
  count(bytes: number): void;
  done(): void;
  fail(err: unknown): void;
}

export class ProgressBoard {
  readonly #entries = new Map<string, Entry>();
  readonly #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** A ticket was issued: waiting, with its estimate if the page gave one. */
  issue(id: string, expiresAt: number, estimatedBytes?: number): void {
    this.#sweep();
    const progress: TransferProgress = { bytes: 0, state: 'waiting' };
    if (estimatedBytes !== undefined)
      Object.assign(progress, { total: estimatedBytes, estimated: true });
    this.#entries.set(id, { progress, expiresAt, listeners: new Set() });
  }

  /** The meter of a taken ticket. */
  meter(id: string): Meter {
    const change = (update: Partial<TransferProgress>) => {
      const entry = this.#entries.get(id);
      if (!entry || entry.endedAt !== undefined) return;
      entry.progress = { ...entry.progress, ...update };
      if (update.state === 'done' || update.state === 'failed') entry.endedAt = this.#clock.now();
      for (const listener of entry.listeners) listener();
    };
    return {
      start: (total) => {
        const known = total === null ? {} : { total, estimated: undefined };
        change({ state: 'moving', ...known });
      },
      count: (bytes) => {
        const entry = this.#entries.get(id);
        if (entry) change({ bytes: entry.progress.bytes + bytes });
      },
      done: () => change({ state: 'done' }),
      fail: (err) => change({ state: 'failed', error: failure(err) }),
    };
  }

  /** The lines of `transfers.progress`: ends after the transfer does, or when closed. */
  watch(id: string): Readable {
    const entry = this.#entries.get(id);
    if (!entry) {
      throw new ContractError({
        kind: 'not-found',
        message: 'No transfer has this id (it was never started, or ended long ago).',
      });
    }
    const clock = this.#clock;
    const out = new Readable({ read() {} });
    let due: TimerHandle | undefined;
    let expiry: TimerHandle | undefined;
    let lastSent = -Infinity;
    const stop = () => {
      entry.listeners.delete(onChange);
      if (due !== undefined) clock.clearTimeout(due);
      if (expiry !== undefined) clock.clearTimeout(expiry);
      due = expiry = undefined;
    };
    const send = () => {
      due = undefined;
      lastSent = clock.now();
      const { progress } = entry;
      out.push(`${JSON.stringify(progress)}\n`);
      if (progress.state === 'done' || progress.state === 'failed') {
        stop();
        out.push(null);
      }
    };
    function onChange() {
      if (due !== undefined) return;
      due = clock.setTimeout(send, Math.max(0, lastSent + PROGRESS_INTERVAL_MS - clock.now()));
    }
    entry.listeners.add(onChange);
    out.once('close', stop);
    if (entry.progress.state === 'waiting') {
      // Nothing else would end a ticket nobody takes.
      expiry = clock.setTimeout(
        () => {
          expiry = undefined;
          if (entry.progress.state === 'waiting') this.#expire(entry);
        },
        Math.max(0, entry.expiresAt - clock.now()),
      );
    }
    send();
    return out;
  }

  #expire(entry: Entry): void {
    entry.progress = {
      ...entry.progress,
      state: 'failed',
      error: {
        kind: 'not-found',
        message: 'The transfer was never started (its link lasts a minute).',
      },
    };
    entry.endedAt = this.#clock.now();
    for (const listener of entry.listeners) listener();
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [id, entry] of this.#entries) {
      const over =
        entry.endedAt ?? (entry.progress.state === 'waiting' ? entry.expiresAt : undefined);
      // A transfer still moving is never forgotten; a page no longer watching an old one is.
      const stale = over !== undefined && (over + KEPT_MS <= now || this.#entries.size > MAX_KEPT);
      if (stale && entry.listeners.size === 0) this.#entries.delete(id);
    }
  }
}

function failure(err: unknown): ErrorEnvelope {
  return toErrorEnvelope(err, "Couldn't finish the transfer");
}

/** A download's stream, counted: done once read to its end; failed if it breaks or its reader stops. */
export function countDownload(source: Readable, meter: Meter): Readable {
  meter.start(null);
  const counter = counting(meter);
  let ended = false;
  counter.once('end', () => {
    ended = true;
    meter.done();
  });
  // pipeline passes a failure either way: a reader that stops also stops the engine's stream.
  pipeline(source, counter, (err) => {
    if (err && !ended) meter.fail(stopped(err));
  });
  return counter;
}

/**
 * An upload's body, counted. `pipe`, not pipeline: destroying an HTTP request
 * destroys its socket, and the face still has to answer on it.
 */
export function countUpload(body: Readable, meter: Meter): Readable {
  const counter = counting(meter);
  body.once('error', (err) => counter.destroy(err));
  body.pipe(counter);
  return counter;
}

function counting(meter: Meter): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      meter.count(chunk.length);
      callback(null, chunk);
    },
  });
}

/** A reader that went away (a closed dialog, a cancelled browser download) is a cancel. */
function stopped(err: Error): unknown {
  return (err as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE'
    ? new ContractError({ kind: 'cancelled', message: 'The transfer stopped before its end.' })
    : err;
}

/** The `transfers.progress` stream's handler. */
export function transferProgressStreams(board: { progress: ProgressBoard }) {
  return {
    'transfers.progress': ({ id }: { id: string }): Readable => board.progress.watch(id),
  };
}
