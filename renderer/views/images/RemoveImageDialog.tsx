import { useState } from 'react';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCall } from '../../use-call.ts';
import { imageRowName, shortId } from './image-list.ts';
import { useModal } from '../../use-modal.ts';

/** `docker rmi`, asked first; the engine's refusal (an image in use) stays in the dialog. */
export function RemoveImageDialog(props: { image: ImageSummary; onClose(): void }) {
  const ref = useModal();
  const [force, setForce] = useState(false);
  const { busy, failure, run } = useCall();

  const remove = async () => {
    // By id: every tag goes, as the row shows them together.
    const done = await run(() => getClient().call('images.remove', props.image.id, { force }));
    if (done) props.onClose();
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
        Remove <strong>{imageRowName(props.image)}</strong>? Its layers go too, unless another image
        shares them. Pull or build it again to get it back.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        Force (also when stopped containers use it)
      </label>
      {failure && <ErrorAlert message={failure} />}
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          Remove {shortId(props.image.id)}
        </button>
      </div>
    </dialog>
  );
}
