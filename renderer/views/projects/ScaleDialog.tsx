import { useState } from 'react';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';

/** Picks a service and how many replicas of it should run (`up -d --no-recreate --scale`). */
export function ScaleDialog(props: {
  services: { name: string; replicas: number }[];
  onScale(service: string, replicas: number): void;
  onClose(): void;
}) {
  const ref = useModal();
  const first = props.services[0];
  const [service, setService] = useState(first?.name ?? '');
  const [replicas, setReplicas] = useState(String(first?.replicas ?? 1));
  const count = Number(replicas);
  const valid = /^\d+$/.test(replicas) && count >= 0 && count <= 100;
  return (
    <dialog ref={ref} aria-labelledby="scale-title" className="dialog" onCancel={props.onClose}>
      <h2 id="scale-title">Scale</h2>
      <div className="form-grid">
        <Field label="Service">
          {(a) => (
            <select
              {...a}
              value={service}
              onChange={(e) => {
                setService(e.target.value);
                const now = props.services.find((s) => s.name === e.target.value);
                if (now) setReplicas(String(now.replicas));
              }}
            >
              {props.services.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Replicas"
          errors={valid ? undefined : ['A whole number from 0 to 100']}
          hint="How many containers of the service should run; existing ones are kept."
        >
          {(a) => (
            <input
              {...a}
              type="number"
              min={0}
              max={100}
              value={replicas}
              onChange={(e) => setReplicas(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!valid || !service}
          onClick={() => {
            props.onClose();
            props.onScale(service, count);
          }}
        >
          Scale
        </button>
      </div>
    </dialog>
  );
}
