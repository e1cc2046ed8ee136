// What a log view shows, without React: the rows (a LogRing), one follow
// stream per source, older pages by time windows, and what to tell the user
// (a lost stream, a log that ended, lines dropped from view). A lost stream is
// reopened `since` the last line seen, its repeats skipped (log-paging.ts).
import {
  isLogLine,
  unixOf,
  type LogLine,
  type LogQuery,
  type LogRecord,
} from '../../../electron/contract/container-logs-channels.ts';
import { StreamFeed, type StreamClient } from '../../stream-feed.ts';
import { LogMerger } from './log-merge.ts';
import { LogRing } from './log-ring.ts';
import {
  advance,
  afterResume,
  beforeOldest,
  firstSpan,
  nextSpan,
  secondsBefore,
  type ResumePoint,
} from './log-paging.ts';

export interface LogSourceSpec {
  /** The container. */
  id: string;
  /** Shown before each line when a view merges several sources (a Compose project). */
  label?: string;
  /** Unix seconds the container was created: no log line is older. */
  created?: number;
}

export interface LogRow extends LogLine {
  source?: string;
}

export interface LogStatus {
  /** The follow stream was lost and is being reopened: why, in the engine's words. */
  lost: string | null;
  /** Every follow stream ended by itself (the container stopped). */
  ended: boolean;
  loadingOlder: boolean;
  /** The oldest line of the log is shown. */
  atStart: boolean;
  /** A page or the ring left out lines: the view says so. */
  olderDropped: boolean;
}

interface Options {
  /** Rows the page keeps at most. */
  cap?: number;
  /** Lines asked for when the view opens. */
  tail?: number;
  /** Lines per older page. */
  page?: number;
  /** Before reopening a lost stream. */
  retryMs?: number;
}

export const DEFAULT_LOG_CAP = 50_000;
const NEVER_BEFORE = 10 * 365 * 86_400;

class Source {
  readonly follow: StreamFeed<'containers.logs'>;
  readonly older: StreamFeed<'containers.logs'>;
  point: ResumePoint | null = null;
  open = false;
  lost: string | null = null;
  /** After a clean end, one look whether more comes (an engine restart ends streams cleanly too). */
  probed = false;
  retry: ReturnType<typeof setTimeout> | undefined;

  readonly spec: LogSourceSpec;

  constructor(spec: LogSourceSpec, client: StreamClient) {
    this.spec = spec;
    this.follow = new StreamFeed(client, 'containers.logs');
    this.older = new StreamFeed(client, 'containers.logs');
  }
}

export class LogController {
  readonly ring: LogRing<LogRow>;
  status: LogStatus = {
    lost: null,
    ended: false,
    loadingOlder: false,
    atStart: false,
    olderDropped: false,
  };
  /** Changes each time rows or status change (for useSyncExternalStore). */
  version = 0;
  readonly #sources: Source[];
  /** Several sources (a Compose project): their follow streams merged by time. */
  readonly #merger: LogMerger<LogRow> | null;
  readonly #opts: Required<Options>;
  readonly #listeners = new Set<() => void>();
  #span = 0;
  #notifyQueued = false;
  #disposed = false;

  constructor(client: StreamClient, sources: LogSourceSpec[], opts: Options = {}) {
    this.#opts = {
      cap: opts.cap ?? DEFAULT_LOG_CAP,
      tail: opts.tail ?? 200,
      page: opts.page ?? 1000,
      retryMs: opts.retryMs ?? 1000,
    };
    this.ring = new LogRing(this.#opts.cap);
    this.#sources = sources.map((s) => new Source(s, client));
    this.#merger =
      sources.length > 1
        ? new LogMerger<LogRow>({
            sources: sources.length,
            emit: (rows) => {
              this.ring.push(rows);
              this.#changed();
            },
          })
        : null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Opens the follow streams, from a clean slate (React may stop and start a view twice). */
  start(): void {
    this.#disposed = false;
    this.ring.clear();
    this.#merger?.reset();
    this.#span = 0;
    this.status = {
      lost: null,
      ended: false,
      loadingOlder: false,
      atStart: false,
      olderDropped: false,
    };
    for (const source of this.#sources) {
      source.point = null;
      source.lost = null;
    }
    for (const source of this.#sources) this.#follow(source, { tail: this.#opts.tail });
  }

  /** A source's container runs again after its log ended: follow on from the last line. */
  revive(): void {
    for (const source of this.#sources) {
      if (source.open || source.retry) continue;
      source.probed = false;
      this.#resume(source);
    }
  }

  /**
   * Loads the time windows before the oldest line shown, for every source,
   * until `want` lines came or the log's start is reached.
   */
  loadOlder(want = this.#opts.page): void {
    const oldest = this.ring.at(0);
    const s = this.status;
    if (!oldest || s.loadingOlder || s.atStart || this.ring.full) return;
    if (this.#span === 0) this.#span = firstSpan(this.ring.toArray(), this.#opts.page);
    const until = unixOf(oldest.ts);
    const since = secondsBefore(oldest.ts, this.#span);
    let shownAtOldest = 0;
    while (this.ring.at(shownAtOldest)?.ts === oldest.ts) shownAtOldest++;
    this.#set({ loadingOlder: true });
    const got: LogRow[] = [];
    let dropped = 0;
    let left = this.#sources.length;
    const done = () => {
      if (--left > 0 || this.#disposed) return;
      const fresh = beforeOldest(oldest.ts, shownAtOldest, got).sort((a, b) =>
        a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0,
      ) as LogRow[];
      const taken = this.ring.unshift(fresh);
      // The window reached back past the container's creation, and was not cut
      // short (`last`): nothing older exists.
      const sinceSeconds = Number(since);
      const created = Math.min(...this.#sources.map((x) => x.spec.created ?? 0));
      const reachedBack =
        sinceSeconds === 0 ||
        (created > 0 ? sinceSeconds <= created : fresh.length === 0 && this.#span > NEVER_BEFORE);
      const atStart = reachedBack && dropped === 0;
      this.#span = nextSpan(this.#span, fresh.length, dropped);
      this.#set({
        loadingOlder: false,
        atStart,
        olderDropped: this.status.olderDropped || taken < fresh.length,
      });
      // A window short of a page (empty, or the time guessed was too short):
      // look further back at once, until the log's start. The view is no
      // longer at its top after a page, so no scroll would ask again.
      if (!atStart && taken < want && taken === fresh.length) this.loadOlder(want - taken);
    };
    for (const source of this.#sources) {
      source.older.open(
        [{ id: source.spec.id, since, until, follow: false, last: this.#opts.page }],
        {
          onLines: (lines) => {
            for (const r of parse(lines)) {
              if (isLogLine(r)) got.push(withSource(r, source.spec));
              else dropped += r.dropped;
            }
          },
          onEnd: done,
        },
      );
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#merger?.reset();
    for (const source of this.#sources) {
      clearTimeout(source.retry);
      source.follow.close();
      source.older.close();
    }
  }

  #follow(source: Source, from: Pick<LogQuery, 'tail' | 'since'>): void {
    const resumeFrom = from.since !== undefined ? source.point : null;
    let skipping = resumeFrom !== null;
    source.open = true;
    source.follow.open([{ id: source.spec.id, follow: true, ...from }], {
      onLines: (lines) => {
        let rows = parse(lines).filter(isLogLine);
        if (skipping) {
          rows = afterResume(resumeFrom, rows);
          if (rows.length) skipping = false;
        }
        if (rows.length === 0) return;
        source.point = advance(source.point, rows);
        source.probed = false;
        if (source.lost || this.status.ended) {
          source.lost = null;
          this.#set({ lost: this.#lost(), ended: false });
        }
        const labelled = rows.map((r) => withSource(r, source.spec));
        if (this.#merger) this.#merger.add(this.#sources.indexOf(source), labelled);
        else {
          this.ring.push(labelled);
          this.#changed();
        }
      },
      onEnd: (error) => {
        source.open = false;
        if (this.#disposed) return;
        this.#merger?.ended(this.#sources.indexOf(source));
        const again = () => {
          source.retry = setTimeout(() => {
            source.retry = undefined;
            if (!this.#disposed) this.#resume(source);
          }, this.#opts.retryMs);
        };
        if (error) {
          source.lost = error.message;
          this.#set({ lost: this.#lost(), ended: false });
          again();
        } else {
          this.#set({ ended: this.#sources.every((s) => !s.open) });
          if (!source.probed) {
            source.probed = true;
            again();
          }
        }
      },
    });
  }

  #resume(source: Source): void {
    if (source.point) this.#follow(source, { since: unixOf(source.point.ts) });
    else this.#follow(source, { tail: this.#opts.tail });
  }

  #lost(): string | null {
    return this.#sources.find((s) => s.lost)?.lost ?? null;
  }

  #set(patch: Partial<LogStatus>): void {
    this.status = { ...this.status, ...patch };
    this.#changed();
  }

  /** Many chunks a frame become one render (a timer: it also runs where there are no frames, in tests). */
  #changed(): void {
    if (this.#notifyQueued || this.#disposed) return;
    this.#notifyQueued = true;
    setTimeout(() => {
      this.#notifyQueued = false;
      this.version++;
      for (const listener of this.#listeners) listener();
    }, 16);
  }
}

function parse(lines: string[]): LogRecord[] {
  const records: LogRecord[] = [];
  for (const line of lines) if (line) records.push(JSON.parse(line) as LogRecord);
  return records;
}

function withSource(line: LogLine, spec: LogSourceSpec): LogRow {
  return spec.label ? { ...line, source: spec.label } : line;
}
