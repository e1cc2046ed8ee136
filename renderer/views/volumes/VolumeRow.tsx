import type { CSSProperties } from 'react';
import type { VolumeSummary } from '../../../electron/contract/channels.ts';
import { containerHref, volumeHref } from '../../use-hash-route.ts';
import { sizeText } from '../images/image-list.ts';
import { VolumeArchiveButtons } from '../volume/VolumeArchiveButtons.tsx';
import { volumeAge } from './volume-list.ts';

export function VolumeRow(props: {
  volume: VolumeSummary;
  rowIndex: number;
  focused: boolean;
  now: number;
  /** Bytes, once "Show sizes" read them; undefined: not read, or the engine has no figure. */
  size: number | undefined;
  sizesRead: boolean;
  /** Container ids by name, for the "in use by" links. */
  containerIds: ReadonlyMap<string, string>;
  style: CSSProperties;
  onRemove(): void;
}) {
  const { volume } = props;
  const labels = Object.entries(volume.labels).map(([k, v]) => `${k}=${v}`);
  return (
    <div
      role="row"
      aria-rowindex={props.rowIndex}
      aria-label={volume.name}
      tabIndex={props.focused ? 0 : -1}
      data-row={props.rowIndex}
      className="grid-row"
      style={props.style}
    >
      <div role="gridcell" className="cell name" title={volume.name}>
        {volume.name}
      </div>
      <div role="gridcell" className="cell driver">
        {volume.driver}
      </div>
      <div role="gridcell" className="cell mountpoint" title={volume.mountpoint}>
        <code>{volume.mountpoint}</code>
      </div>
      <div role="gridcell" className="cell size">
        {props.size !== undefined ? (
          sizeText(props.size)
        ) : (
          <span className="muted">{props.sizesRead ? 'n/a' : '—'}</span>
        )}
      </div>
      <div role="gridcell" className="cell used-by" title={volume.usedBy.join(', ') || undefined}>
        {volume.usedBy.length === 0 ? (
          <span className="muted">unused</span>
        ) : (
          volume.usedBy.map((name, i) => {
            const id = props.containerIds.get(name);
            return (
              <span key={name}>
                {i > 0 && ', '}
                {id ? (
                  <a href={containerHref(id)} tabIndex={-1}>
                    {name}
                  </a>
                ) : (
                  name
                )}
              </span>
            );
          })
        )}
      </div>
      <div role="gridcell" className="cell created muted" title={volume.createdAt || undefined}>
        {volumeAge(volume.createdAt, props.now)}
      </div>
      <div role="gridcell" className="cell labels" title={labels.join('\n') || undefined}>
        {labels.length ? labels.join(', ') : <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="cell actions">
        <div className="row-actions">
          <button
            type="button"
            className="small link-like"
            tabIndex={-1}
            onClick={() => (location.hash = volumeHref(volume.name))}
          >
            Browse
          </button>
          <button type="button" className="small danger" tabIndex={-1} onClick={props.onRemove}>
            Remove
          </button>
          {/* Last: what an export or import says runs on after the buttons, cut short here. */}
          <VolumeArchiveButtons name={volume.name} tabIndex={-1} />
        </div>
      </div>
    </div>
  );
}
