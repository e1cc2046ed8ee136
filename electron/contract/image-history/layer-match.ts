// Which history step made which layer. The image config's history says, per
// step, whether it made a layer (`empty_layer`); the steps that did, in order,
// made `rootfs.diff_ids` in order. Sizes cannot tell: a WORKDIR or a `touch`
// makes a layer of 0 bytes, and BuildKit keeps a layer for a RUN that changed
// nothing. The engine's history API has no such flag, so the config comes from
// the image's archive (images.analyse).

export type LayerMatch =
  /** Per config history step, oldest first: the index into diffIds of the layer it made, or null. */
  { matched: true; layerOf: (number | null)[] } | { matched: false; reason: string };

export function matchHistoryToLayers(
  history: readonly { emptyLayer: boolean }[],
  diffIds: readonly string[],
): LayerMatch {
  const made = history.filter((h) => !h.emptyLayer).length;
  if (made !== diffIds.length) {
    return {
      matched: false,
      reason: `The image's history records ${plural(made, 'step')} that made a layer, but the image has ${plural(diffIds.length, 'layer')}.`,
    };
  }
  let next = 0;
  return { matched: true, layerOf: history.map((h) => (h.emptyLayer ? null : next++)) };
}

/**
 * The history API's steps (newest first) against the config's (oldest first):
 * the same steps, or the config belongs to another image than the one listed.
 * Per API step: its config step's index.
 */
export function alignHistories(
  api: readonly { createdBy: string }[],
  config: readonly { createdBy?: string }[],
): { aligned: true; configIndexOf: number[] } | { aligned: false; reason: string } {
  if (api.length !== config.length) {
    return {
      aligned: false,
      reason: `The engine lists ${plural(api.length, 'history step')}, the image's archive ${config.length}.`,
    };
  }
  const configIndexOf = api.map((_, i) => api.length - 1 - i);
  const differs = configIndexOf.findIndex(
    (c, i) => (config[c]!.createdBy ?? '') !== api[i]!.createdBy,
  );
  if (differs >= 0) {
    return {
      aligned: false,
      reason: `History step ${api.length - differs} differs between the engine's list and the image's archive.`,
    };
  }
  return { aligned: true, configIndexOf };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
