// A pull or push the user started: the stream's lines folded into an overall
// figure (with the recent rate) and one view per layer, cancellable. Closing
// the stream aborts the engine's transfer; unmounting closes it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamArgs } from '../../../../electron/contract/channels.ts';
import { ContractError } from '../../../../electron/contract/errors.ts';
import {
  pullLinesOf,
  type LayerView,
  type PullSummary,
} from '../../../../electron/contract/pull-progress.ts';
import { emptyRate, rateOf, sampleRate } from '../../../../electron/contract/transfer-rate.ts';
import { useStreamFeed } from '../../../use-stream.ts';
import type { LayeredFold } from './layered-folds.ts';

export interface LayeredProgressView {
  summary: PullSummary;
  layers: LayerView[];
}

type Channel = 'images.pull' | 'images.push';

export interface LayeredStream<K extends Channel> {
  /** The running transfer's progress, or null when none runs. */
  progress: LayeredProgressView | null;
  /**
   * Resolves 'done' at the end (with the last overall text: a push's digest),
   * 'cancelled' when cancel() was called; rejects with the engine's failure
   * (a ContractError).
   */
  start(args: StreamArgs<K>): Promise<{ end: 'done' | 'cancelled'; text: string }>;
  cancel(): void;
}

export function useLayeredStream<K extends Channel, S>(
  channel: K,
  fold: LayeredFold<S>,
): LayeredStream<K> {
  const feed = useStreamFeed(channel);
  const [progress, setProgress] = useState<LayeredProgressView | null>(null);
  const cancelActive = useRef<(() => void) | null>(null);

  useEffect(() => () => cancelActive.current?.(), []);

  const start = useCallback(
    (args: StreamArgs<K>) =>
      new Promise<{ end: 'done' | 'cancelled'; text: string }>((resolve, reject) => {
        cancelActive.current?.();
        let state = fold.empty();
        let rate = emptyRate();
        let settled = false;
        const show = () => {
          const summary = fold.summarize(state, rateOf(rate));
          setProgress({ summary, layers: fold.layers(state) });
        };
        const settle = (then: () => void) => {
          if (settled) return;
          settled = true;
          cancelActive.current = null;
          setProgress(null);
          then();
        };
        feed.open(args, {
          onOpen: show,
          onLines(lines) {
            state = pullLinesOf(lines).reduce(fold.apply, state);
            rate = sampleRate(rate, Date.now(), fold.bytes(state));
            if (!settled) show();
          },
          onEnd(error) {
            const text = fold.summarize(state).text;
            settle(() =>
              error ? reject(new ContractError(error)) : resolve({ end: 'done', text }),
            );
          },
        });
        cancelActive.current = () =>
          settle(() => {
            feed.close();
            resolve({ end: 'cancelled', text: '' });
          });
      }),
    [feed, fold],
  );

  const cancel = useCallback(() => cancelActive.current?.(), []);
  return { progress, start, cancel };
}
