import { useState } from 'react';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCall } from '../../use-call.ts';
import { imageRowName, shortId } from './image-list.ts';
import { useModal } from '../../use-modal.ts';

/**
 * `docker rmi`, asked first. Force is offered only once the engine refused
 * (a container uses the image): its refusal, naming those containers, stays in
 * the dialog, and the user must tick "Force" to go on.
 */
export function RemoveImageDialog(props: { image: ImageSummary; onClose(): void }) {
  const ref = useModal();
  const [force, setForce] = useState(false);
  const [refused, setRefused] = useState(false);
  const { busy, failure, run } = useCall();
  const { image } = props;
  const id = shortId(image.id);

  const remove = async () => {
    // By id: every tag goes, as the row shows them together.
    const done = await run(() => getClient().call('images.remove', image.id, { force }));
    if (done) props.onClose();
    else setRefused(true);
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="remove-image-title"
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id="remove-image-title">Remove image</h2>
      <p>
        Remove <strong>{imageRowName(image)}</strong>? Its layers go too, unless another image
        shares them. Pull or build it again to get it back.
      </p>
      {image.usedBy.length > 0 && (
        <p>
          Containers made from it: <strong>{image.usedBy.join(', ')}</strong>. The engine keeps an
          image while a container uses it.
        </p>
      )}
      {failure && <ErrorAlert message={failure} />}
      {refused && (
        <label className="checkbox">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          Force (remove it although stopped containers use it)
        </label>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          {force ? `Force remove ${id}` : `Remove ${id}`}
        </button>
      </div>
    </dialog>
  );
}
