// Makes sure an image is on the engine before the dialog creates a container:
// at once when `images.inspect` finds it, else through the `images.pull`
// stream, whose progress this hook folds into one summary for the view.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ContractError } from '../../../../electron/contract/errors.ts';
import {
  applyPullLine,
  emptyPullState,
  pullLinesOf,
  summarizePull,
  type PullSummary,
} from '../../../../electron/contract/pull-progress.ts';
import { getClient } from '../../../client/contract-client.ts';
import { useStreamFeed } from '../../../use-stream.ts';

export type PullView =
  { phase: 'pulling'; ref: string; summary: PullSummary } | { phase: 'cancelled'; ref: string };

interface ImagePull {
  /** What to show: a running pull, or the note that the user cancelled one. */
  view: PullView | null;
  /**
   * Resolves true once `ref` is on the engine, false when the user cancelled
   * the pull; rejects with the engine's failure (a ContractError).
   */
  ensureLocal(ref: string): Promise<boolean>;
  cancel(): void;
}

const isNotFound = (err: unknown) =>
  err instanceof ContractError && err.envelope.kind === 'not-found';

export function useImagePull(): ImagePull {
  const [view, setView] = useState<PullView | null>(null);
  const feed = useStreamFeed('images.pull');
  const cancelActive = useRef<(() => void) | null>(null);

  // Closing the dialog mid-pull closes the stream, which aborts the engine's pull.
  useEffect(() => () => cancelActive.current?.(), []);

  const ensureLocal = useCallback(
    async (ref: string): Promise<boolean> => {
      cancelActive.current?.();
      setView(null);
      try {
        await getClient().call('images.inspect', ref);
        return true;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return new Promise<boolean>((resolve, reject) => {
        let state = emptyPullState();
        let settled = false;
        const settle = (then: () => void) => {
          if (settled) return;
          settled = true;
          cancelActive.current = null;
          then();
        };
        feed.open([{ ref }], {
          onOpen: () => setView({ phase: 'pulling', ref, summary: summarizePull(state) }),
          onLines(lines) {
            state = pullLinesOf(lines).reduce(applyPullLine, state);
            if (!settled) setView({ phase: 'pulling', ref, summary: summarizePull(state) });
          },
          onEnd(error) {
            settle(() => {
              setView(null);
              if (error) reject(new ContractError(error));
              else resolve(true);
            });
          },
        });
        cancelActive.current = () =>
          settle(() => {
            feed.close();
            setView({ phase: 'cancelled', ref });
            resolve(false);
          });
      });
    },
    [feed],
  );

  const cancel = useCallback(() => cancelActive.current?.(), []);
  return { view, ensureLocal, cancel };
}
