import { useState } from 'react';
import { useModal } from '../../use-modal.ts';

/** Asks before `down`: it stops and removes the project's containers and networks, and volumes when ticked. */
export function DownDialog(props: {
  project: string;
  onDown(volumes: boolean): void;
  onClose(): void;
}) {
  const ref = useModal();
  const [volumes, setVolumes] = useState(false);
  return (
    <dialog ref={ref} aria-labelledby="down-title" className="dialog" onCancel={props.onClose}>
      <h2 id="down-title">Down {props.project}?</h2>
      <p>
        This stops and removes the containers and networks of <strong>{props.project}</strong>.
        Named volumes stay unless you tick below.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
        Also remove its volumes (--volumes): their data is lost
      </label>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            props.onClose();
            props.onDown(volumes);
          }}
        >
          Down
        </button>
      </div>
    </dialog>
  );
}
