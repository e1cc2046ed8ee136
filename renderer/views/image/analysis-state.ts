// What the `images.analyse` stream has said so far, folded line by line:
// reading (bytes of the archive read, of its size when known), done with the
// analysis, or failed. Pure, so a hand-made stream tests it.
import type {
  AnalyseLine,
  ImageAnalysis,
} from '../../../electron/contract/image-layers-channels.ts';
import type { ErrorEnvelope } from '../../../electron/contract/errors.ts';

export type AnalysisState =
  | { phase: 'reading'; read: number; total?: number }
  | { phase: 'done'; analysis: ImageAnalysis }
  | { phase: 'failed'; error: ErrorEnvelope }
  | { phase: 'cancelled' };

export const reading: AnalysisState = { phase: 'reading', read: 0 };

export function applyAnalyseLines(state: AnalysisState, lines: readonly string[]): AnalysisState {
  let next = state;
  for (const text of lines) {
    if (next.phase !== 'reading') break;
    let line: AnalyseLine;
    try {
      line = JSON.parse(text) as AnalyseLine;
    } catch {
      return failed(`The analysis sent a line that is not JSON: ${text.slice(0, 80)}`);
    }
    if (line.kind === 'progress') {
      next = { phase: 'reading', read: line.read, ...(line.total ? { total: line.total } : {}) };
    } else if (line.kind === 'done') {
      next = { phase: 'done', analysis: line.analysis };
    }
  }
  return next;
}

/** The stream ended: with an error, or without the analysis it promised. */
export function applyAnalyseEnd(state: AnalysisState, error?: ErrorEnvelope): AnalysisState {
  if (error) return { phase: 'failed', error };
  if (state.phase === 'reading') return failed('The analysis ended before it was done.');
  return state;
}

function failed(message: string): AnalysisState {
  return { phase: 'failed', error: { kind: 'internal', message } };
}
