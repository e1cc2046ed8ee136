import { useId } from 'react';
import type { ErrorEnvelope, SshHostKey } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { useEnvelopeCall } from '../../use-call.ts';
import { useModal } from '../../use-modal.ts';

/**
 * An SSH host Berth has never seen: its key as `ssh-keygen -lf` prints it
 * (bits, SHA256 fingerprint, type), for the user to compare with the host's
 * own before trusting it. Cancel has the focus: trusting takes a deliberate click.
 */
export function TrustHostDialog(props: {
  hostKey: SshHostKey;
  onTrusted(): void;
  onClose(): void;
}) {
  const modal = useModal();
  const id = useId();
  const { busy, failure, run } = useEnvelopeCall();
  const { host, port, keyType, bits, label, fingerprint } = props.hostKey;
  const trust = () =>
    run(async () => {
      await getClient().call('engine.trustHostKey', { host, port, fingerprint });
      props.onTrusted();
    });
  return (
    <dialog
      ref={modal}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-what`}
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id={`${id}-title`}>Trust this host?</h2>
      <p id={`${id}-what`}>
        Berth has never connected to <strong>{port === 22 ? host : `${host} port ${port}`}</strong>{' '}
        before. Compare its key with the one the host itself shows (
        <code>ssh-keygen -lf /etc/ssh/ssh_host_{label.toLowerCase()}_key.pub</code> there) before
        you trust it.
      </p>
      <dl className="facts">
        <dt>Host</dt>
        <dd>{port === 22 ? host : `[${host}]:${port}`}</dd>
        <dt>Key type</dt>
        <dd>
          {keyType} ({label}, {bits} bits)
        </dd>
        <dt>Fingerprint</dt>
        <dd>
          <code className="fingerprint" aria-label="Fingerprint">
            {bits} {fingerprint} ({label})
          </code>
        </dd>
      </dl>
      {failure && <EngineErrorAlert error={failure} />}
      <div className="dialog-buttons">
        <button type="button" autoFocus onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void trust()}>
          Trust and connect
        </button>
      </div>
    </dialog>
  );
}

/**
 * A host offering another key than known_hosts holds, or a revoked one: said
 * loudly, with the file and line to look at, and no way to trust it from here.
 */
export function HostKeyChangedAlert({ error }: { error: ErrorEnvelope }) {
  const key = error.hostKey;
  const revoked = error.kind === 'ssh-host-revoked';
  return (
    <div role="alert" className="alert host-key-changed">
      <h3>
        {revoked
          ? 'Warning: this host offered a revoked key'
          : 'Warning: the host key has changed. This may be an attack'}
      </h3>
      <p>{error.message}</p>
      {key?.knownHostsFile && (
        <p>
          Known key: <code>{key.knownHostsFile}</code> line {key.line}. Offered now:{' '}
          <code>
            {key.bits} {key.fingerprint} ({key.label})
          </code>
        </p>
      )}
      {error.hint && <p className="advice">{error.hint}</p>}
      {error.engineMessage && <p className="muted">ssh: {error.engineMessage}</p>}
    </div>
  );
}
