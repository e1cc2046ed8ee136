// `docker logout`: the kept login goes from the credential helper or config.json.
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useCall } from '../../use-call.ts';
import { useModal } from '../../use-modal.ts';
import { logoutCommand } from '../../../electron/contract/run-spec/registry-commands.ts';

export function LogoutDialog(props: { registry: string; helper?: string; onClose(): void }) {
  const ref = useModal();
  const cliTarget = useCliTarget();
  const { busy, failure, run } = useCall();
  const logout = async () => {
    if (await run(() => getClient().call('registries.logout', props.registry))) props.onClose();
  };
  return (
    <dialog ref={ref} aria-labelledby="logout-title" className="dialog" onCancel={props.onClose}>
      <h2 id="logout-title">Log out of {props.registry}?</h2>
      <p>
        The login kept {props.helper ? `by docker-credential-${props.helper}` : 'in config.json'} is
        erased, for the docker CLI too. Pulls and pushes to {props.registry} then go without
        credentials.
      </p>
      {failure && <ErrorAlert message={failure} />}
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void logout()}>
          Log out
        </button>
      </div>
      <ShowCommand command={(shell) => logoutCommand(props.registry, shell, cliTarget)} />
    </dialog>
  );
}
