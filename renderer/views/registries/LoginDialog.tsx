// `docker login` as a dialog: the engine checks the credentials against the
// registry first, then they are kept as the CLI keeps them (a credential
// helper when config.json names one, else config.json, with the CLI's warning).
import { useState, type FormEvent } from 'react';
import { isRegistryHost } from '../../../electron/contract/image-reference.ts';
import type { LoginResult } from '../../../electron/contract/registries-channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useCall } from '../../use-call.ts';
import { useModal } from '../../use-modal.ts';
import { loginCommand } from '../../../electron/contract/run-spec/registry-commands.ts';

/**
 * The login dialog, for `registry` or (without it) for one the user names in a
 * "Registry" field. `onClose(true)` once logged in.
 */
export function LoginDialog(props: { registry?: string; onClose(loggedIn: boolean): void }) {
  const ref = useModal();
  const cliTarget = useCliTarget();
  const [registryText, setRegistryText] = useState(props.registry ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<LoginResult | null>(null);
  const { busy, failure, run } = useCall();
  const registry = (props.registry ?? registryText).trim();
  const registryValid = isRegistryHost(registry);
  const title = registryValid ? `Log in to ${registry}` : 'Log in to a registry';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const result = await getClient().call('registries.login', {
        registry,
        username: username.trim(),
        password,
      });
      setPassword('');
      if (result.warning) setDone(result);
      else props.onClose(true);
    });
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="login-title"
      className="dialog"
      onCancel={() => props.onClose(done !== null)}
    >
      <h2 id="login-title">{title}</h2>
      {done ? (
        <>
          <p role="status" aria-label="Login">
            Logged in to {done.registry} as <strong>{done.username}</strong>.
          </p>
          {done.warning && (
            <p role="alert" className="alert">
              {done.warning}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" onClick={() => props.onClose(true)}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form className="form-grid login-form" onSubmit={(e) => void submit(e)}>
          {props.registry === undefined && (
            <div className="field wide-field">
              <label htmlFor="login-registry">Registry</label>
              <input
                id="login-registry"
                value={registryText}
                placeholder="registry.example.com or localhost:5000"
                aria-invalid={registryText.trim() !== '' && !registryValid}
                autoFocus
                onChange={(e) => setRegistryText(e.target.value)}
              />
            </div>
          )}
          <div className="field">
            <label htmlFor="login-username">Username</label>
            <input
              id="login-username"
              value={username}
              autoComplete="username"
              autoFocus={props.registry !== undefined}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <input
              id="login-password"
              type="password"
              value={password}
              autoComplete="current-password"
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <p className="field-hint wide-field">
            The engine checks these with the registry first. They are kept as{' '}
            <code>docker login</code> keeps them: by your credential helper when config.json names
            one, else in config.json.
          </p>
          {failure && <ErrorAlert message={failure} />}
          <div className="dialog-buttons">
            <button type="button" onClick={() => props.onClose(false)}>
              Cancel
            </button>
            <button
              type="submit"
              disabled={busy || !registryValid || username.trim() === '' || password === ''}
            >
              Log in
            </button>
          </div>
          <div className="wide-field">
            <ShowCommand
              command={(shell) =>
                registryValid ? loginCommand(registry, username.trim(), shell, cliTarget) : null
              }
            />
          </div>
        </form>
      )}
    </dialog>
  );
}
