import type {
  AnalysedLayer,
  ConfigHistoryEntry,
} from '../../../../electron/contract/image-layers-channels.ts';
import { sizeText } from '../../images/image-list.ts';
import { shortDigest, visibleName } from './layer-format.ts';
import { layerSteps } from './layer-steps.ts';

/**
 * The image's layers, newest first as `docker history` lists them, each with
 * its number from the bottom (1 is the base), size, short diffID and the step
 * that made it. Radios: the arrow keys move between them, one tab stop.
 */
export function LayerPicker(props: {
  layers: AnalysedLayer[];
  history: ConfigHistoryEntry[];
  selected: number;
  onSelect(layer: number): void;
}) {
  const { layers, selected, onSelect } = props;
  const steps = layerSteps(props.history, layers.length);
  const newestFirst = layers.map((layer, i) => ({ layer, i })).reverse();
  return (
    <fieldset className="layer-picker">
      <legend>Layer</legend>
      <div role="radiogroup" aria-label="Layer" className="layer-list">
        {newestFirst.map(({ layer, i }) => (
          <label key={i} className={i === selected ? 'selected' : undefined}>
            <input
              type="radio"
              name="layer"
              checked={i === selected}
              onChange={() => onSelect(i)}
            />
            <span className="layer-number">Layer {i + 1}</span>{' '}
            <span className="layer-size">{sizeText(layer.size)}</span>{' '}
            <code className="muted">{shortDigest(layer.diffId)}</code>
            {steps[i] && (
              <span className="layer-step muted" title={steps[i]}>
                {visibleName(steps[i])}
              </span>
            )}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
