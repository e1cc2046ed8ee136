// The logs domain of the contract: `docker logs` as a stream of records, one
// JSON line each. Timestamps are always asked of the engine: they order lines,
// page older ones by time windows (dockerd 20.10 answers nothing to `tail`
// with `until`), and let a follow resume after a lost stream without repeats.
import { z } from 'zod';
import { containerRef } from './refs.ts';
import { dockerCommandLine, type CliTarget, type Shell } from './run-spec/run-command.ts';

export type LogStreamName = 'stdout' | 'stderr';

/** One line, or one piece of a long line (`part`: more of that line follows). */
export interface LogLine {
  stream: LogStreamName;
  /** The engine's RFC 3339 timestamp with nanoseconds (fixed width, so strings sort by time). */
  ts: string;
  text: string;
  part?: true;
}

/** A windowed read kept only its last lines: this many earlier ones were left out. */
export interface LogDropped {
  dropped: number;
}

export type LogRecord = LogLine | LogDropped;

export function isLogLine(record: LogRecord): record is LogLine {
  return 'text' in record;
}

/** Most lines a windowed read (`last`) answers; older ones in the window are counted, not sent. */
export const MAX_LOG_WINDOW_LINES = 20_000;

export interface LogQuery {
  id: string;
  /** The last N lines only (the first page). */
  tail?: number;
  /** Unix seconds with up to 9 decimals; inclusive, as the engine reads it. */
  since?: string;
  until?: string;
  follow: boolean;
  /** Keep only the last N lines of what the engine answers (an older page). */
  last?: number;
}

const unixTime = z.string().regex(/^\d{1,12}(\.\d{1,9})?$/, 'not unix seconds');

export const logQuery = z
  .object({
    id: containerRef,
    tail: z.number().int().min(0).max(MAX_LOG_WINDOW_LINES).optional(),
    since: unixTime.optional(),
    until: unixTime.optional(),
    follow: z.boolean(),
    last: z.number().int().min(1).max(MAX_LOG_WINDOW_LINES).optional(),
  })
  .strict() satisfies z.ZodType<LogQuery>;

export interface ContainerLogStreams {
  /** `docker logs -t` as JSON lines (LogRecord), following until cancelled when `follow`. */
  'containers.logs': { args: [query: LogQuery] };
}

export const containerLogStreamArgs: {
  [K in keyof ContainerLogStreams]: z.ZodType<ContainerLogStreams[K]['args']>;
} = {
  'containers.logs': z.tuple([logQuery]),
};

const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/;

/** An engine timestamp as the unix seconds `since`/`until` take, nanoseconds kept. */
export function unixOf(ts: string): string {
  const match = TS.exec(ts);
  if (!match) throw new Error(`not an engine timestamp: ${ts}`);
  const seconds = Date.parse(`${match[1]}Z`) / 1000;
  return `${seconds}.${(match[2] ?? '').padEnd(9, '0')}`;
}

/** The command the Logs view stands for, safe to paste. */
export function logsCommandLine(name: string, shell: Shell, target: CliTarget = {}): string {
  return dockerCommandLine(['logs', '-f', '--tail', '200', name], shell, target);
}
