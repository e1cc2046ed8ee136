// Which history step made each layer, for the layer picker's captions: the
// config's history lists every step oldest first, and those not marked
// `empty_layer` made the layers in order (a RUN that changed nothing still
// made one, so sizes cannot say). The Layers tab shows the full history.

const NOP = /^\/bin\/sh -c #\(nop\)\s*/;
const SHELL = /^\/bin\/sh -c /;

/** One caption per layer, bottom first; '' where the history does not say. */
export function layerSteps(
  history: readonly { createdBy?: string; emptyLayer: boolean }[],
  layerCount: number,
): string[] {
  const steps = history.filter((h) => !h.emptyLayer).map((h) => caption(h.createdBy ?? ''));
  // A history shorter than the layers (a squashed or imported image) says nothing reliable.
  if (steps.length !== layerCount) return new Array<string>(layerCount).fill('');
  return steps;
}

function caption(createdBy: string): string {
  const text = createdBy.trim();
  if (NOP.test(text)) return text.replace(NOP, '');
  if (SHELL.test(text)) return `RUN ${text.replace(SHELL, '')}`;
  return text;
}
