// One build at a time for the dialog: the `images.build` stream folded into a
// BuildView as its lines arrive, and how it ended. Closing the stream (Cancel
// build, or the dialog going away) aborts the engine's build.
import { useCallback, useState } from 'react';
import type { ErrorEnvelope } from '../../../../electron/contract/errors.ts';
import {
  applyBuildLine,
  buildLinesOf,
  emptyBuildView,
  type BuildView,
} from '../../../../electron/contract/image-build/build-lines.ts';
import type { BuildOptions } from '../../../../electron/contract/image-build-channels.ts';
import { useStreamFeed } from '../../../use-stream.ts';

export type BuildPhase = 'idle' | 'building' | 'built' | 'failed' | 'cancelled';

export interface BuildState {
  phase: BuildPhase;
  view: BuildView;
  error?: ErrorEnvelope;
}

export function useImageBuild() {
  const feed = useStreamFeed('images.build');
  const [state, setState] = useState<BuildState>({ phase: 'idle', view: emptyBuildView() });

  const start = useCallback(
    (options: BuildOptions) => {
      feed.open([options], {
        onOpen: () => setState({ phase: 'building', view: emptyBuildView() }),
        onLines: (lines) =>
          setState((s) => ({ ...s, view: buildLinesOf(lines).reduce(applyBuildLine, s.view) })),
        onEnd: (error) =>
          setState((s) => (error ? { ...s, phase: 'failed', error } : { ...s, phase: 'built' })),
      });
    },
    [feed],
  );

  const cancel = useCallback(() => {
    feed.close();
    setState((s) => (s.phase === 'building' ? { ...s, phase: 'cancelled' } : s));
  }, [feed]);

  return { state, start, cancel };
}
