import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useContainersStore } from '../../stores/containers-store.ts';
import { useModal } from '../../use-modal.ts';
import { imageRowName, shortId } from './image-list.ts';
import { blockerText, removalBlockers } from './remove-blockers.ts';

/**
 * `docker rmi`, of one image or several, asked first, with what blocks each
 * (containers made from it, running or stopped; its other tags). Force is
 * offered only once the engine refused: its refusals stay in the dialog, one
 * per image, and the user must tick "Force" to go on. A running container
 * blocks even that, in the engine's words.
 */
export function RemoveImageDialog(props: { images: ImageSummary[]; onClose(): void }) {
  const ref = useModal();
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Refusals by image id, from the last try. */
  const [refusals, setRefusals] = useState<Map<string, string>>(new Map());
  /** Removed by an earlier try of this dialog: not offered again. */
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const images = props.images.filter((i) => !gone.has(i.id));
  const containers = useContainersStore(useShallow((s) => Object.values(s.byId)));
  const blockers = removalBlockers(images, containers);
  const one = images.length === 1 ? images[0] : undefined;
  const what = one ? shortId(one.id) : `${images.length} images`;

  const remove = async () => {
    setBusy(true);
    const refused = new Map<string, string>();
    const removed = new Set(gone);
    // One at a time, so each refusal is the engine's answer about that image alone.
    for (const image of images) {
      try {
        // By id: every tag goes, as the row shows them together.
        await getClient().call('images.remove', image.id, { force });
        removed.add(image.id);
      } catch (err) {
        refused.set(image.id, describeFailure(err));
      }
    }
    setBusy(false);
    setGone(removed);
    setRefusals(refused);
    if (refused.size === 0) props.onClose();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="remove-image-title"
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id="remove-image-title">
        {props.images.length === 1 ? 'Remove image' : 'Remove images'}
      </h2>
      <p>
        Remove {one ? <strong>{imageRowName(one)}</strong> : `these ${images.length} images`}? Their
        layers go too, unless another image shares them. Pull or build them again to get them back.
      </p>
      <ul className="remove-list" aria-label="Images to remove">
        {images.map((image, i) => {
          const text = blockerText(blockers[i]!);
          return (
            <li key={image.id}>
              <strong>{imageRowName(image)}</strong>
              {text && <span className="muted"> — {text}</span>}
            </li>
          );
        })}
      </ul>
      {blockers.some((b) => b.running.length || b.stopped.length) && (
        <p>The engine keeps an image while a container uses it.</p>
      )}
      {images.map((image) => {
        const refusal = refusals.get(image.id);
        return refusal ? (
          <ErrorAlert
            key={image.id}
            message={one ? refusal : `${imageRowName(image)}: ${refusal}`}
          />
        ) : null;
      })}
      {refusals.size > 0 && (
        <label className="checkbox">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          Force (remove them although stopped containers use them)
        </label>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || images.length === 0}
          onClick={() => void remove()}
        >
          {force ? `Force remove ${what}` : `Remove ${what}`}
        </button>
      </div>
    </dialog>
  );
}
