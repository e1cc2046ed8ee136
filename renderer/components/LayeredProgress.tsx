import type { LayerView, PullSummary } from '../../electron/contract/pull-progress.ts';
import './layered-progress.css';

const percent = (fraction?: number) =>
  fraction === undefined ? undefined : Math.round(fraction * 100);

/**
 * A pull or push: an overall progressbar named `label` ("Pulling IMAGE"),
 * indeterminate until its size is known, with the bytes and rate in its text,
 * holding one progressbar per layer named by the layer's short id, whose value
 * text says where that layer is ("Downloading 1.0 MB of 4.0 MB", "Already exists").
 */
export function LayeredProgress(props: {
  label: string;
  summary: PullSummary;
  layers: readonly LayerView[];
}) {
  const { text, fraction } = props.summary;
  const value = percent(fraction);
  return (
    <div
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={text}
      className="layered-progress"
    >
      <progress aria-hidden="true" max={100} value={value} />
      <p className="muted">{text}</p>
      {props.layers.length > 0 && (
        <ul className="layer-bars">
          {props.layers.map((layer) => (
            <li key={layer.id}>
              <code>{layer.id}</code>
              <progress
                aria-label={layer.id}
                aria-valuetext={layer.text}
                max={100}
                value={percent(layer.fraction)}
              />
              <span className="muted">{layer.text}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
