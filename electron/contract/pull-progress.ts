// A pull's progress: the lines the `images.pull` stream carries (the engine's
// own progress lines, without its text progress bar), and the pure folding of
// them into one overall figure for a progress bar, one short line of text, and
// a view per layer. push-progress.ts does the same for `images.push`.

/** One line of the `images.pull` or `images.push` stream (newline-delimited JSON). */
export interface PullLine {
  /** The engine's words: "Downloading", "Pull complete", "Digest: sha256:…". */
  status: string;
  /** The layer's short id, or the tag on a "Pulling from" line. */
  id?: string;
  current?: number;
  total?: number;
}

type Phase = 'waiting' | 'downloading' | 'downloaded' | 'extracting' | 'done' | 'present';

interface Layer {
  phase: Phase;
  downloaded: number;
  extracted: number;
  /** Compressed size; known once the engine starts downloading the layer. */
  size?: number;
}

export interface PullState {
  /** Insertion order is the order the engine announced the layers. */
  layers: Map<string, Layer>;
  /** The last line that was not about a layer ("Pulling from …", "Status: …"). */
  lastStatus?: string;
  /** The engine said "Digest: …" or "Status: …", which it does after the last layer. */
  complete: boolean;
}

export interface PullSummary {
  /** 0..1 when every layer still to fetch has a known size; undefined means indeterminate. */
  fraction?: number;
  text: string;
}

/** One layer of a pull or push, for its own progress bar. */
export interface LayerView {
  /** The layer's short id, as the engine names it. */
  id: string;
  /** Where it is, in the engine's words: "Waiting", "Downloading", "Already exists"... */
  text: string;
  /** 0..1; undefined while its size is unknown. */
  fraction?: number;
}

const layerPhases: Record<string, Phase> = {
  'Pulling fs layer': 'waiting',
  Waiting: 'waiting',
  Downloading: 'downloading',
  'Verifying Checksum': 'downloading',
  'Download complete': 'downloaded',
  Extracting: 'extracting',
  'Pull complete': 'done',
  'Already exists': 'present',
};

export function emptyPullState(): PullState {
  return { layers: new Map(), complete: false };
}

/** Folds one line into the state; returns a new state (the old one is untouched). */
export function applyPullLine(state: PullState, line: PullLine): PullState {
  const phase = line.id ? layerPhases[line.status] : undefined;
  if (!line.id || !phase) {
    const complete = state.complete || /^(Digest|Status): /.test(line.status);
    return { ...state, lastStatus: line.status, complete };
  }
  const layers = new Map(state.layers);
  const before = layers.get(line.id) ?? { phase: 'waiting', downloaded: 0, extracted: 0 };
  const layer: Layer = { ...before, phase };
  if (line.total !== undefined && line.total > 0) layer.size = line.total;
  if (phase === 'downloading' && line.current !== undefined) layer.downloaded = line.current;
  if (phase === 'extracting' && line.current !== undefined) {
    layer.extracted = line.current;
    layer.downloaded = layer.size ?? layer.downloaded;
  }
  if (phase === 'downloaded') layer.downloaded = layer.size ?? layer.downloaded;
  if (phase === 'done') {
    layer.downloaded = layer.size ?? layer.downloaded;
    layer.extracted = layer.size ?? layer.extracted;
  }
  layers.set(line.id, layer);
  return { ...state, layers };
}

/** Decimal units, as `docker pull` prints them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

const layerCount = (n: number) => `${n} layer${n === 1 ? '' : 's'}`;

const downloadedPhases: Phase[] = ['downloaded', 'extracting', 'done'];

/** Bytes per second, as a person reads it. */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** ` at 5.1 MB/s`, or nothing while the rate is not known. */
export const rateText = (rate?: number) => (rate === undefined ? '' : ` at ${formatRate(rate)}`);

/** Compressed bytes downloaded so far, for the rate (transfer-rate.ts). */
export function pulledBytes(state: PullState): number {
  let bytes = 0;
  for (const l of state.layers.values()) {
    if (l.phase !== 'present')
      bytes += l.size === undefined ? l.downloaded : Math.min(l.downloaded, l.size);
  }
  return bytes;
}

const of = (current: number, size?: number) =>
  size === undefined ? '' : ` ${formatBytes(Math.min(current, size))} of ${formatBytes(size)}`;

/** Each layer in the order the engine announced it, with its own figure. */
export function pullLayerViews(state: PullState): LayerView[] {
  return [...state.layers].map(([id, l]): LayerView => {
    // As in the overall figure: download is the first half, extraction the second.
    const half = (n: number) => (l.size ? Math.min(n, l.size) / l.size / 2 : undefined);
    switch (l.phase) {
      case 'waiting':
        return { id, text: 'Waiting', fraction: 0 };
      case 'downloading': {
        const f = half(l.downloaded);
        return {
          id,
          text: `Downloading${of(l.downloaded, l.size)}`,
          ...(f === undefined ? {} : { fraction: f }),
        };
      }
      case 'downloaded':
        return { id, text: 'Download complete', fraction: 0.5 };
      case 'extracting': {
        const f = half(l.extracted);
        return {
          id,
          text: `Extracting${of(l.extracted, l.size)}`,
          ...(f === undefined ? {} : { fraction: 0.5 + f }),
        };
      }
      case 'done':
        return { id, text: 'Pull complete', fraction: 1 };
      case 'present':
        return { id, text: 'Already exists', fraction: 1 };
    }
  });
}

/** `rate`: bytes per second lately (transfer-rate.ts), shown while downloading. */
export function summarizePull(state: PullState, rate?: number): PullSummary {
  const all = [...state.layers.values()];
  const toFetch = all.filter((l) => l.phase !== 'present');
  const present = all.length - toFetch.length;
  const here = present ? ` (${layerCount(present)} already here)` : '';
  if (state.complete) return { fraction: 1, text: state.lastStatus ?? 'Pulled' };
  // Until the engine has named a layer to fetch, there is nothing to measure.
  if (toFetch.length === 0) {
    return {
      text: present
        ? `${layerCount(present)} already here`
        : (state.lastStatus ?? 'Asking the registry…'),
    };
  }
  const finished = toFetch.filter((l) => l.phase === 'done').length;

  // Download and extraction each count for half of a layer's bytes. A small
  // layer can finish without ever reporting its size: it then weighs nothing.
  const pending = toFetch.filter((l) => !downloadedPhases.includes(l.phase));
  const sized = toFetch.filter((l) => l.size !== undefined);
  const known = pending.every((l) => l.size !== undefined);
  const total = sized.reduce((n, l) => n + l.size!, 0);
  const downloaded = sized.reduce((n, l) => n + Math.min(l.downloaded, l.size!), 0);
  const extracted = sized.reduce((n, l) => n + Math.min(l.extracted, l.size!), 0);
  const fraction = known && total > 0 ? (downloaded + extracted) / (2 * total) : undefined;

  const fetched = toFetch.filter((l) => downloadedPhases.includes(l.phase)).length;
  if (fetched < toFetch.length) {
    const bytes = total > 0 ? `, ${formatBytes(downloaded)} of ${formatBytes(total)}` : '';
    return {
      fraction,
      text: `Downloading ${layerCount(toFetch.length)}: ${fetched} done${bytes}${rateText(rate)}${here}`,
    };
  }
  return { fraction, text: `Extracting ${layerCount(toFetch.length)}: ${finished} done${here}` };
}

/** The PullLines among lines of the stream (see LineSplitter); other lines are dropped. */
export function pullLinesOf(lines: readonly string[]): PullLine[] {
  return lines.flatMap((text) => toPullLine(text) ?? []);
}

/** A PullLine from one JSON text (the engine's or ours), or undefined. */
export function toPullLine(text: string): PullLine | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.status !== 'string') return undefined;
  const detail = (typeof v.progressDetail === 'object' && v.progressDetail) || v;
  const { current, total } = detail as Record<string, unknown>;
  return {
    status: v.status,
    ...(typeof v.id === 'string' ? { id: v.id } : {}),
    ...(typeof current === 'number' ? { current } : {}),
    ...(typeof total === 'number' ? { total } : {}),
  };
}
