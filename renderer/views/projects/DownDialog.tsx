import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

/** Asks before `down`: it stops and removes the project's containers and networks, and volumes when ticked. */
export function DownDialog(props: {
  project: string;
  onDown(volumes: boolean): void;
  onClose(): void;
}) {
  const [volumes, setVolumes] = useState(false);
  return (
    <ConfirmDialog
      title={`Down ${props.project}?`}
      words={
        <>
          This stops and removes the containers and networks of <strong>{props.project}</strong>.
          Named volumes stay unless you tick below.
        </>
      }
      confirm="Down"
      onConfirm={() => props.onDown(volumes)}
      onClose={props.onClose}
    >
      <label className="checkbox">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
        Also remove its volumes (--volumes): their data is lost
      </label>
    </ConfirmDialog>
  );
}
