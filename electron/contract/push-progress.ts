// A push's progress: the engine's lines of `docker push` (the same line shape
// as a pull's, pull-progress.ts) folded into an overall figure, one line of
// text and a view per layer.
import {
  formatBytes,
  rateText,
  type LayerView,
  type PullLine,
  type PullSummary,
} from './pull-progress.ts';

type PushPhase = 'preparing' | 'waiting' | 'pushing' | 'retrying' | 'pushed' | 'present';

interface PushLayer {
  phase: PushPhase;
  /** The engine's own words for the phase ("Mounted from berth/other", "Retrying in 5 seconds"). */
  words: string;
  pushed: number;
  /** The layer's size as the engine counts it while pushing. */
  size?: number;
}

export interface PushState {
  /** Insertion order is the order the engine announced the layers. */
  layers: Map<string, PushLayer>;
  lastStatus?: string;
  /** The engine said "TAG: digest: sha256:… size: N", which it does once the manifest is up. */
  complete: boolean;
}

export function emptyPushState(): PushState {
  return { layers: new Map(), complete: false };
}

function phaseOf(status: string): PushPhase | undefined {
  if (status === 'Preparing') return 'preparing';
  if (status === 'Waiting') return 'waiting';
  if (status === 'Pushing') return 'pushing';
  if (status === 'Pushed') return 'pushed';
  if (status === 'Layer already exists' || status.startsWith('Mounted from ')) return 'present';
  if (status.startsWith('Retrying in ')) return 'retrying';
  return undefined;
}

const finished: PushPhase[] = ['pushed', 'present'];

/** Folds one line into the state; returns a new state (the old one is untouched). */
export function applyPushLine(state: PushState, line: PullLine): PushState {
  const phase = line.id ? phaseOf(line.status) : undefined;
  if (!line.id || !phase) {
    const complete = state.complete || /: digest: sha256:[0-9a-f]+ size: \d+$/.test(line.status);
    return { ...state, lastStatus: line.status, complete };
  }
  const layers = new Map(state.layers);
  const before = layers.get(line.id) ?? { phase: 'preparing', words: line.status, pushed: 0 };
  const layer: PushLayer = { ...before, phase, words: line.status };
  if (phase === 'pushing') {
    if (line.total !== undefined && line.total > 0) layer.size = line.total;
    if (line.current !== undefined) layer.pushed = line.current;
  }
  if (phase === 'pushed') layer.pushed = layer.size ?? layer.pushed;
  layers.set(line.id, layer);
  return { ...state, layers };
}

/** Bytes sent so far, for the rate (transfer-rate.ts). */
export function pushedBytes(state: PushState): number {
  let bytes = 0;
  for (const l of state.layers.values()) bytes += l.pushed;
  return bytes;
}

function layerFraction(l: PushLayer): number {
  if (finished.includes(l.phase)) return 1;
  if (l.phase === 'pushing' && l.size) return Math.min(l.pushed, l.size) / l.size;
  return 0;
}

export function pushLayerViews(state: PushState): LayerView[] {
  return [...state.layers].map(([id, l]): LayerView => {
    const text =
      l.phase === 'pushing'
        ? `Pushing ${formatBytes(l.pushed)}${l.size ? ` of ${formatBytes(l.size)}` : ''}`
        : l.words;
    const unknown = l.phase === 'pushing' && !l.size;
    return { id, text, ...(unknown ? {} : { fraction: layerFraction(l) }) };
  });
}

const layerCount = (n: number) => `${n} layer${n === 1 ? '' : 's'}`;

/**
 * Each layer weighs the same: a layer the registry has already never says its
 * size, so bytes cannot weigh them all.
 */
export function summarizePush(state: PushState, rate?: number): PullSummary {
  if (state.complete) return { fraction: 1, text: `Pushed: ${state.lastStatus ?? ''}`.trim() };
  const all = [...state.layers.values()];
  if (all.length === 0) return { text: state.lastStatus ?? 'Asking the registry…' };
  const fraction = all.reduce((n, l) => n + layerFraction(l), 0) / all.length;
  const present = all.filter((l) => l.phase === 'present').length;
  const done = all.filter((l) => finished.includes(l.phase)).length;
  const sized = all.filter((l) => l.size !== undefined && l.phase !== 'present');
  const total = sized.reduce((n, l) => n + l.size!, 0);
  const sent = sized.reduce((n, l) => n + Math.min(l.pushed, l.size!), 0);
  const bytes = total > 0 ? `, ${formatBytes(sent)} of ${formatBytes(total)}` : '';
  const there = present ? ` (${layerCount(present)} already in the registry)` : '';
  return {
    fraction,
    text: `Pushing ${layerCount(all.length)}: ${done} done${bytes}${rateText(rate)}${there}`,
  };
}
