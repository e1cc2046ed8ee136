// How the lines of a pull and of a push fold into what LayeredProgress shows:
// one record per stream kind, so the stream hook has no branch for either.
import {
  applyPullLine,
  emptyPullState,
  pulledBytes,
  pullLayerViews,
  summarizePull,
  type LayerView,
  type PullLine,
  type PullSummary,
} from '../../../../electron/contract/pull-progress.ts';
import {
  applyPushLine,
  emptyPushState,
  pushedBytes,
  pushLayerViews,
  summarizePush,
} from '../../../../electron/contract/push-progress.ts';

export interface LayeredFold<S> {
  empty(): S;
  apply(state: S, line: PullLine): S;
  summarize(state: S, rate?: number): PullSummary;
  layers(state: S): LayerView[];
  /** Bytes moved so far, for the rate. */
  bytes(state: S): number;
}

export const pullFold: LayeredFold<ReturnType<typeof emptyPullState>> = {
  empty: emptyPullState,
  apply: applyPullLine,
  summarize: summarizePull,
  layers: pullLayerViews,
  bytes: pulledBytes,
};

export const pushFold: LayeredFold<ReturnType<typeof emptyPushState>> = {
  empty: emptyPushState,
  apply: applyPushLine,
  summarize: summarizePush,
  layers: pushLayerViews,
  bytes: pushedBytes,
};
