import type {
  AnalysedLayer,
  ImageEfficiency,
} from '../../../../electron/contract/image-layers-channels.ts';
import { sizeText } from '../../images/image-list.ts';
import { layerNumbers, percentText, shortDigest, visibleName } from './layer-format.ts';

/**
 * How much of the image is copies of the same path: the score (smallest copy
 * of each path over all copies) and the bytes a rewrite or a later delete
 * left behind in lower layers, worst paths first.
 */
export function EfficiencyRegion(props: { efficiency: ImageEfficiency; layers: AnalysedLayer[] }) {
  const { efficiency, layers } = props;
  return (
    <section aria-label="Efficiency" className="efficiency">
      <h2>Efficiency</h2>
      <p>
        <strong>{percentText(efficiency.score)}</strong> efficient ·{' '}
        <strong>{sizeText(efficiency.wastedBytes)}</strong> wasted
        <span className="muted">
          {' '}
          — bytes of files a later layer rewrote or deleted: they stay in the layer below and still
          take space.
        </span>
      </p>
      {efficiency.worst.length === 0 ? (
        <p className="muted">No path is written more than once.</p>
      ) : (
        <div className="wasted-scroll">
          <table aria-label="Wasted space">
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Copies</th>
                <th scope="col">Wasted</th>
                <th scope="col">Layers</th>
              </tr>
            </thead>
            <tbody>
              {efficiency.worst.map((w) => (
                <tr key={w.path}>
                  <td className="path">/{visibleName(w.path)}</td>
                  <td>{w.copies}</td>
                  <td>{sizeText(w.wastedBytes)}</td>
                  <td title={w.layers.map((i) => layers[i]?.diffId ?? '').join('\n')}>
                    {layerNumbers(w.layers)}{' '}
                    <span className="muted">
                      ({w.layers.map((i) => shortDigest(layers[i]?.diffId ?? '')).join(', ')})
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
