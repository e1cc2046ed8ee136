// "Remove": `docker network rm`. A network with containers attached names them
// first; the engine refuses it, and its words sit under Details.
import { networkRemoveCommand } from '../../../electron/contract/network/network-commands.ts';
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useModal } from '../../use-modal.ts';
import { useEnvelopeCall } from '../../use-call.ts';

export function RemoveNetworkDialog(props: {
  network: NetworkSummary;
  onClose(removed?: boolean): void;
}) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const { busy, failure, run } = useEnvelopeCall();
  const { name, containers } = props.network;

  const remove = async () => {
    await run(async () => {
      await getClient().call('networks.remove', name);
      props.onClose(true);
    });
  };

  return (
    <dialog
      ref={modal}
      aria-labelledby="remove-network-title"
      className="dialog network-dialog"
      onCancel={() => props.onClose()}
    >
      <h2 id="remove-network-title">Remove network {name}?</h2>
      {containers.length === 0 ? (
        <p>No container is attached to it. Its host bridge goes with it.</p>
      ) : (
        <>
          <p>
            Attached to it now (the engine refuses to remove a network in use: disconnect or remove
            them first):
          </p>
          <ul aria-label={`Containers attached to ${name}`}>
            {containers.map((c) => (
              <li key={c.containerId}>{c.containerName}</li>
            ))}
          </ul>
        </>
      )}
      {failure && <EngineErrorAlert error={failure} />}
      <div className="dialog-buttons">
        <button type="button" onClick={() => props.onClose()}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          Remove
        </button>
      </div>
      <ShowCommand command={(shell) => networkRemoveCommand(name, shell, cliTarget)} />
    </dialog>
  );
}
