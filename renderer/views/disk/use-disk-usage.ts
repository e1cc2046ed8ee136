// `docker system df -v` for the Disk page: read when the page opens, again
// when the engine's events say space changed (through the events log's own
// stream, never an `/events` request of the page's), and on Refresh. Events
// come in bursts (a prune, a compose up): one read after the burst settles,
// never two at once.
import { useEffect, useRef, useState } from 'react';
import type { DiskUsage } from '../../../electron/contract/disk-channels.ts';
import { describeFailure } from '../../../electron/contract/errors.ts';
import type { EventLogEntry } from '../../../electron/contract/events-channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { useStream } from '../../use-stream.ts';

const SETTLE_MS = 600;

/** Actions that change what `/system/df` counts; exec, attach, resize and health checks do not. */
const CHANGES: Record<string, ReadonlySet<string>> = {
  container: new Set([
    'create',
    'destroy',
    'start',
    'die',
    'stop',
    'pause',
    'unpause',
    'restart',
    'commit',
    'prune',
  ]),
  image: new Set(['pull', 'load', 'import', 'tag', 'untag', 'delete', 'prune', 'save', 'push']),
  volume: new Set(['create', 'destroy', 'mount', 'unmount', 'prune']),
  builder: new Set(['prune']),
};

export function changesDisk(entry: Pick<EventLogEntry, 'type' | 'action'>): boolean {
  return CHANGES[entry.type]?.has(entry.action) ?? false;
}

interface ReadState {
  usage?: DiskUsage;
  failure?: string | null;
  loading: boolean;
}

/** One `disk.usage` read at a time; asked again meanwhile, it reads once more after. */
class DiskReader {
  #inFlight = false;
  #again = false;
  #closed = false;
  readonly #report: (state: ReadState) => void;

  constructor(report: (state: ReadState) => void) {
    this.#report = report;
  }

  read = (): void => {
    if (this.#closed) return;
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    this.#inFlight = true;
    this.#report({ loading: true });
    getClient()
      .call('disk.usage')
      .then(
        (usage) => !this.#closed && this.#report({ usage, failure: null, loading: false }),
        (err: unknown) =>
          !this.#closed && this.#report({ failure: describeFailure(err), loading: false }),
      )
      .finally(() => {
        this.#inFlight = false;
        if (this.#again) {
          this.#again = false;
          this.read();
        }
      });
  };

  close(): void {
    this.#closed = true;
  }
}

export function useDiskUsage(live: boolean): {
  usage: DiskUsage | null;
  failure: string | null;
  loading: boolean;
  refresh(): void;
} {
  const [usage, setUsage] = useState<DiskUsage | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [reader] = useState(
    () =>
      new DiskReader((state) => {
        if (state.usage) setUsage(state.usage);
        if (state.failure !== undefined) setFailure(state.failure);
        setLoading(state.loading);
      }),
  );
  const timer = useRef(0);

  useEffect(() => {
    if (live) reader.read();
  }, [live, reader]);
  useEffect(
    () => () => {
      reader.close();
      window.clearTimeout(timer.current);
    },
    [reader],
  );

  useStream(
    'events.follow',
    live ? [{ replay: false }] : null,
    {
      onLines: (lines) => {
        const relevant = lines.some((line) => changesDisk(JSON.parse(line) as EventLogEntry));
        if (!relevant) return;
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(reader.read, SETTLE_MS);
      },
    },
    { reopenAfterReconnect: true },
  );

  return { usage, failure, loading, refresh: reader.read };
}
