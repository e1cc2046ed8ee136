// The image's archive read once per image page (or answered from the app's
// cache), shared by the tabs that need it: the Layers tab matches steps to
// layers with it, the Files tab shows the layers' files. One stream, so
// switching tabs never starts the read again.
import { useState } from 'react';
import { useStream } from '../../use-stream.ts';
import {
  applyAnalyseEnd,
  applyAnalyseLines,
  reading,
  type AnalysisState,
} from './analysis-state.ts';

export interface ImageAnalysisHandle {
  state: AnalysisState;
  /** Stops reading (the app stops the engine's export). */
  cancel(): void;
  /** Reads again after a cancel or a failure. */
  retry(): void;
}

export function useImageAnalysis(imageId: string | null): ImageAnalysisHandle {
  const [state, setState] = useState<AnalysisState>(reading);
  const running = imageId !== null && (state.phase === 'reading' || state.phase === 'done');
  useStream(
    'images.analyse',
    running ? [{ ref: imageId }] : null,
    {
      onOpen: () => setState(reading),
      onLines: (lines) => setState((s) => applyAnalyseLines(s, lines)),
      onEnd: (error) => setState((s) => applyAnalyseEnd(s, error)),
    },
    { reopenAfterReconnect: true },
  );
  return {
    state,
    cancel: () => setState({ phase: 'cancelled' }),
    retry: () => setState(reading),
  };
}
