// The image's archive, read once by images.analyse (or answered from its
// cache): its config says which history steps made layers. The Layers tab
// shows the engine's history at once and fills the layers in when this ends.
import { useState } from 'react';
import { describeError } from '../../../../electron/contract/errors.ts';
import type {
  AnalyseLine,
  ImageAnalysis,
} from '../../../../electron/contract/image-layers-channels.ts';
import { useStream } from '../../../use-stream.ts';

export interface LayerAnalysisState {
  analysis: ImageAnalysis | null;
  progress: { read: number; total?: number } | null;
  error: string | null;
}

const initial: LayerAnalysisState = { analysis: null, progress: null, error: null };

export function useLayerAnalysis(imageId: string): LayerAnalysisState {
  const [state, setState] = useState(initial);
  useStream(
    'images.analyse',
    [{ ref: imageId }],
    {
      onOpen: () => setState(initial),
      onLines: (lines) => {
        for (const text of lines) {
          const line = JSON.parse(text) as AnalyseLine;
          if (line.kind === 'done')
            setState({ analysis: line.analysis, progress: null, error: null });
          // Other kinds a later reader may send are not this tab's.
          else if (line.kind === 'progress')
            setState((s) => ({
              ...s,
              progress: { read: line.read, ...(line.total ? { total: line.total } : {}) },
            }));
        }
      },
      onEnd: (error) => {
        if (error) setState((s) => ({ ...s, progress: null, error: describeError(error) }));
      },
    },
    { reopenAfterReconnect: true },
  );
  return state;
}
