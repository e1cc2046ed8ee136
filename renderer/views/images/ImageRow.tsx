import type { CSSProperties } from 'react';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { imageHref } from '../../use-hash-route.ts';
import { humanDuration } from '../containers/status-age.ts';
import { imageRowName, runReference, shortId, sizeText, splitRepoTag } from './image-list.ts';

export function ImageRow(props: {
  image: ImageSummary;
  rowIndex: number;
  focused: boolean;
  now: number;
  style: CSSProperties;
  selected: boolean;
  onSelect(selected: boolean): void;
  onRun(): void;
  onRemove(): void;
  onTag(): void;
  onPush(): void;
}) {
  const { image } = props;
  const names = image.repoTags.map(splitRepoTag);
  const usedBy = image.usedBy.join(', ');
  const ageSeconds = props.now / 1000 - image.created;
  const age = ageSeconds < 1 ? 'Just now' : `${humanDuration(ageSeconds)} ago`;
  return (
    <div
      role="row"
      aria-rowindex={props.rowIndex}
      aria-label={imageRowName(image)}
      aria-selected={props.selected}
      tabIndex={props.focused ? 0 : -1}
      data-row={props.rowIndex}
      className={`grid-row${image.dangling ? ' dangling' : ''}`}
      style={props.style}
    >
      <div role="gridcell" className="cell select">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${runReference(image)}`}
          checked={props.selected}
          onChange={(e) => props.onSelect(e.target.checked)}
        />
      </div>
      <div role="gridcell" className="cell name" title={image.repoTags.join('\n') || undefined}>
        <a href={imageHref(image.id)} aria-label={`Open ${runReference(image)}`} tabIndex={-1}>
          {image.dangling ? '<none>' : names[0]!.repository}
        </a>
        {image.dangling && (
          <span className="badge dangling" title="No tag: docker images -f dangling=true">
            dangling
          </span>
        )}
        {names.length > 1 && (
          <span className="more muted">
            {names
              .slice(1)
              .map((n) => n.repository)
              .join(', ')}
          </span>
        )}
      </div>
      <div role="gridcell" className="cell tag">
        {image.dangling ? (
          <span className="muted">&lt;none&gt;</span>
        ) : (
          names.map((n, i) => (
            <span key={i} className="tag-name">
              {n.tag}
            </span>
          ))
        )}
      </div>
      <div role="gridcell" className="cell id">
        <code>{shortId(image.id)}</code>
      </div>
      <div
        role="gridcell"
        className="cell created muted"
        title={new Date(image.created * 1000).toLocaleString()}
      >
        {age}
      </div>
      <div role="gridcell" className="cell size">
        {sizeText(image.size)}
      </div>
      <div
        role="gridcell"
        className="cell shared"
        title="Bytes of its layers other local images use too"
      >
        {image.sharedSize === null ? '…' : sizeText(image.sharedSize)}
      </div>
      <div role="gridcell" className="cell used-by" title={usedBy || undefined}>
        {usedBy || <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="cell actions">
        <div className="row-actions">
          <button type="button" className="small" tabIndex={-1} onClick={props.onRun}>
            Run
          </button>
          <button type="button" className="small" tabIndex={-1} onClick={props.onTag}>
            Tag
          </button>
          {!image.dangling && (
            <button type="button" className="small" tabIndex={-1} onClick={props.onPush}>
              Push
            </button>
          )}
          <button type="button" className="small danger" tabIndex={-1} onClick={props.onRemove}>
            Remove
          </button>
        </div>
      </div>
    </div>
  );
}
