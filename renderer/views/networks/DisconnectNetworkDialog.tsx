// "Disconnect": `docker network disconnect [--force]` of one attached
// container (picked from those attached, or given by the container's page).
import { useState, type FormEvent } from 'react';
import { networkDisconnectCommand } from '../../../electron/contract/network/network-commands.ts';
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { useEnvelopeCall } from '../../use-call.ts';

export function DisconnectNetworkDialog(props: {
  network: Pick<NetworkSummary, 'name' | 'containers'>;
  /** The container to disconnect; absent: the user picks one of those attached. */
  container?: string;
  onClose(): void;
}) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const attached = props.network.containers.map((c) => c.containerName);
  const [container, setContainer] = useState(props.container ?? attached[0] ?? '');
  const [force, setForce] = useState(false);
  const { busy, failure, run } = useEnvelopeCall();
  const spec = { network: props.network.name, container, force };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!container || busy) return;
    await run(async () => {
      await getClient().call('networks.disconnect', spec);
      props.onClose();
    });
  };

  return (
    <dialog
      ref={modal}
      aria-labelledby="disconnect-network-title"
      className="dialog network-dialog"
      onCancel={props.onClose}
    >
      <h2 id="disconnect-network-title">
        Disconnect {props.container ?? 'a container'} from {props.network.name}
      </h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        {!props.container && (
          <Field label="Container" term="container">
            {(c) => (
              <select
                {...c}
                autoFocus
                value={container}
                onChange={(e) => setContainer(e.target.value)}
              >
                {attached.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          Force
        </label>
        <p className="muted">
          Force: disconnect even when the engine cannot reach the container&apos;s endpoint cleanly.
          The container keeps running; it just stops answering on this network.
        </p>
        <ShowCommand
          command={(shell) => (container ? networkDisconnectCommand(spec, shell, cliTarget) : null)}
        />
        {failure && <EngineErrorAlert error={failure} />}
        <div className="dialog-buttons">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary danger" disabled={busy || !container}>
            Disconnect
          </button>
        </div>
      </form>
    </dialog>
  );
}
