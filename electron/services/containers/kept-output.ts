// The output of `--rm` containers this app started, kept after the engine
// removed them with their logs. Bounded twice: lines per container (the last
// ones, where an error usually is) and containers (the latest ones).
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import type { KeptOutput } from '../../contract/kept-output-channels.ts';
import { LineSplitter } from '../../contract/line-splitter.ts';
import type { CallHandlers } from '../../contract/channels.ts';

export const MAX_KEPT_LINES = 2000;
export const MAX_KEPT_CONTAINERS = 20;

export class KeptOutputs {
  readonly #items = new Map<string, KeptOutput>();
  readonly #maxLines: number;
  readonly #maxContainers: number;

  constructor(maxLines = MAX_KEPT_LINES, maxContainers = MAX_KEPT_CONTAINERS) {
    this.#maxLines = maxLines;
    this.#maxContainers = maxContainers;
  }

  begin(id: string, name: string, image: string): void {
    this.#items.set(id, { id, name, image, lines: [], dropped: 0 });
    for (const oldest of this.#items.keys()) {
      if (this.#items.size <= this.#maxContainers) break;
      this.#items.delete(oldest);
    }
  }

  add(id: string, stream: 'stdout' | 'stderr', texts: string[]): void {
    const kept = this.#items.get(id);
    if (!kept) return;
    for (const text of texts) kept.lines.push({ stream, text });
    const over = kept.lines.length - this.#maxLines;
    if (over > 0) {
      kept.lines.splice(0, over);
      kept.dropped += over;
    }
  }

  end(id: string, how: { exitCode: number } | { waitError: string }): void {
    const kept = this.#items.get(id);
    if (kept) Object.assign(kept, how);
  }

  /** By full id, id prefix (12 characters at least) or name. */
  get(ref: string): KeptOutput | null {
    const name = ref.replace(/^\//, '');
    for (const kept of this.#items.values()) {
      if (kept.id === ref || kept.name === name || (ref.length >= 12 && kept.id.startsWith(ref))) {
        return { ...kept, lines: [...kept.lines] };
      }
    }
    return null;
  }
}

export function keptOutputHandlers(kept: KeptOutputs): Pick<CallHandlers, 'containers.keptOutput'> {
  return { 'containers.keptOutput': (ref) => kept.get(ref) };
}

/**
 * Attaches to a created, not yet started `--rm` container and waits for its
 * next exit, both on the streaming client (they last as long as it runs), so
 * nothing it prints before the engine removes it is lost.
 */
export async function keepOutputOf(
  streaming: Docker,
  id: string,
  tty: boolean,
  kept: KeptOutputs,
): Promise<void> {
  const container = streaming.getContainer(id);
  const stream = (await container.attach({
    stream: true,
    stdout: true,
    stderr: true,
    logs: true,
  })) as NodeJS.ReadableStream;
  const feed = (source: NodeJS.ReadableStream, name: 'stdout' | 'stderr') => {
    const lines = new LineSplitter();
    source.on('data', (chunk: Buffer) => kept.add(id, name, lines.push(chunk)));
    source.on('end', () => kept.add(id, name, lines.end()));
  };
  if (tty) feed(stream, 'stdout');
  else {
    const out = new PassThrough();
    const err = new PassThrough();
    streaming.modem.demuxStream(stream, out, err);
    stream.on('end', () => (out.end(), err.end()));
    feed(out, 'stdout');
    feed(err, 'stderr');
  }
  // Asked before the start, so an exit at once is not missed.
  container.wait({ condition: 'next-exit' }).then(
    (r: { StatusCode: number }) => kept.end(id, { exitCode: r.StatusCode }),
    (e: unknown) => {
      console.error(`[kept-output] waiting for ${id.slice(0, 12)} failed:`, e);
      kept.end(id, { waitError: (e as Error).message });
    },
  );
}
