// One Compose run at a time for a page or dialog: the `compose.run` stream's
// output lines, and how it ended. Closing the stream (the page going away)
// stops the CLI.
import { useCallback, useState } from 'react';
import type { ComposeLine, ComposeRequest } from '../../../electron/contract/compose-channels.ts';
import type { ErrorEnvelope } from '../../../electron/contract/errors.ts';
import { useStreamFeed } from '../../use-stream.ts';

/** Output lines kept for the panel; the CLI's message on failure travels in the error. */
const KEPT_LINES = 2000;

export interface ComposeRunState {
  phase: 'idle' | 'running' | 'done' | 'failed';
  request?: ComposeRequest;
  lines: string[];
  error?: ErrorEnvelope;
}

export function useComposeRun() {
  const feed = useStreamFeed('compose.run');
  const [state, setState] = useState<ComposeRunState>({ phase: 'idle', lines: [] });
  const start = useCallback(
    (request: ComposeRequest) => {
      setState({ phase: 'running', request, lines: [] });
      feed.open([request], {
        onLines: (raw) => {
          const texts = raw
            .filter(Boolean)
            .map((l) => JSON.parse(l) as ComposeLine)
            .flatMap((l) => (l.kind === 'output' ? [l.text] : []));
          if (texts.length) {
            setState((s) => ({ ...s, lines: [...s.lines, ...texts].slice(-KEPT_LINES) }));
          }
        },
        onEnd: (error) =>
          setState((s) => (error ? { ...s, phase: 'failed', error } : { ...s, phase: 'done' })),
      });
    },
    [feed],
  );
  return { state, start };
}
