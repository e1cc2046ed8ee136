import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { VolumeSummary } from '../../../electron/contract/channels.ts';
import { dockerCommandLine } from '../../../electron/contract/run-spec/run-command.ts';
import { getClient } from '../../client/contract-client.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useContainersStore } from '../../stores/containers-store.ts';
import { useModal } from '../../use-modal.ts';
import { useEnvelopeCall } from '../../use-call.ts';

/**
 * `docker volume rm`, asked first, with the containers that mount it (running
 * or stopped): the engine refuses while any does, and Force (which only
 * ignores a driver's errors) does not change that, so the refusal always shows.
 */
export function RemoveVolumeDialog(props: { volume: VolumeSummary; onClose(): void }) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const { name } = props.volume;
  const [force, setForce] = useState(false);
  const { busy, failure, run } = useEnvelopeCall();
  const users = useContainersStore(
    useShallow((s) =>
      Object.values(s.byId)
        .filter((c) => props.volume.usedBy.includes(c.name))
        .map((c) => `${c.name} (${c.state === 'running' ? 'running' : 'stopped'})`)
        .sort(),
    ),
  );

  const remove = async () => {
    await run(async () => {
      await getClient().call('volumes.remove', name, { force });
      props.onClose();
    });
  };

  return (
    <dialog
      ref={modal}
      aria-labelledby="remove-volume-title"
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id="remove-volume-title">Remove volume</h2>
      <p>
        Remove <strong>{name}</strong> and every file in it? This cannot be undone.
      </p>
      {users.length > 0 && (
        <>
          <p>The engine keeps a volume while a container mounts it. In use by:</p>
          <ul className="remove-list" aria-label="Containers using it">
            {users.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
          <p className="muted">Remove those containers first, then the volume.</p>
        </>
      )}
      {failure && <EngineErrorAlert error={failure} />}
      <label className="checkbox">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        Force (ignore the driver&apos;s errors; a volume in use stays)
      </label>
      <ShowCommand
        command={(shell) =>
          dockerCommandLine(['volume', 'rm', ...(force ? ['-f'] : []), name], shell, cliTarget)
        }
      />
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          Remove {name}
        </button>
      </div>
    </dialog>
  );
}
