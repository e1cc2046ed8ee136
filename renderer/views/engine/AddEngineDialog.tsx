import { useState, type FormEvent } from 'react';
import type { AddEngineRequest } from '../../../electron/contract/engine-remote.ts';
import type { ErrorEnvelope, SshHostKey } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { EngineErrorAlert, envelopeOf } from '../../components/EngineErrorAlert.tsx';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { HostKeyChangedAlert, TrustHostDialog } from './TrustHostDialog.tsx';
import './engine-remote.css';

const TLS_FIELDS = [
  ['ca', 'CA certificate', 'ca.pem'],
  ['cert', 'Client certificate', 'cert.pem'],
  ['key', 'Client key', 'key.pem'],
] as const;
type TlsField = (typeof TLS_FIELDS)[number][0];

/** What the fields ask for; the contract's schema checks it again on the other side. */
export function addRequestOf(fields: {
  address: string;
  name: string;
  tls: Record<TlsField, string>;
  plaintext: boolean;
}): AddEngineRequest {
  const address = fields.address.trim();
  const tcp = address.startsWith('tcp://');
  const anyTls = Object.values(fields.tls).some((v) => v.trim() !== '');
  return {
    address,
    ...(fields.name.trim() ? { name: fields.name.trim() } : {}),
    ...(tcp && anyTls ? { tls: fields.tls } : {}),
    ...(tcp && !anyTls && fields.plaintext ? { allowPlaintext: true } : {}),
  };
}

/**
 * Adds an engine on another machine: over SSH (the user's agent, keys and
 * known_hosts, as the docker CLI) or TCP with TLS client certificates; plain
 * TCP only after a warning. Nothing is kept until the engine answered. An
 * unknown host key asks "Trust this host?" and trusting retries the add.
 */
export function AddEngineDialog(props: { onClose(): void }) {
  const modal = useModal();
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [tls, setTls] = useState<Record<TlsField, string>>({ ca: '', cert: '', key: '' });
  const [plaintext, setPlaintext] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorEnvelope | null>(null);
  const [unknownKey, setUnknownKey] = useState<SshHostKey | null>(null);
  const tcp = address.trim().startsWith('tcp://');
  const anyTls = Object.values(tls).some((v) => v.trim() !== '');

  const add = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await getClient().call('engine.add', addRequestOf({ address, name, tls, plaintext }));
      props.onClose();
    } catch (err) {
      const envelope = envelopeOf(err);
      if (envelope.kind === 'ssh-host-unknown' && envelope.hostKey) setUnknownKey(envelope.hostKey);
      else setFailure(envelope);
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) void add();
  };
  const keyRefused = failure?.kind === 'ssh-host-changed' || failure?.kind === 'ssh-host-revoked';

  return (
    <dialog
      ref={modal}
      aria-labelledby="add-engine-title"
      className="dialog wide"
      onCancel={props.onClose}
    >
      <h2 id="add-engine-title">Add engine</h2>
      <form className="form-grid" onSubmit={submit}>
        <Field
          label="Address"
          hint="ssh://user@host[:port] (your SSH agent, keys and known_hosts) or tcp://host:2376 (TLS)"
        >
          {(a) => (
            <input
              {...a}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              placeholder="ssh://me@build-box"
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
          )}
        </Field>
        <Field label="Name" hint="Optional: how Berth lists it">
          {(a) => (
            <input
              {...a}
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        {tcp &&
          TLS_FIELDS.map(([key, label, file]) => (
            <Field
              key={key}
              label={label}
              hint={`Paste the PEM text, or the path of ${file} on this machine`}
            >
              {(a) => (
                <textarea
                  {...a}
                  rows={2}
                  spellCheck={false}
                  value={tls[key]}
                  onChange={(e) => setTls((t) => ({ ...t, [key]: e.target.value }))}
                />
              )}
            </Field>
          ))}
        {tcp && !anyTls && (
          <div className="alert plaintext-warning" role="note">
            <p>
              Without TLS certificates the link is plain TCP: anyone on the network between can read
              everything and run anything on that engine, as root on its host.
            </p>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={plaintext}
                onChange={(e) => setPlaintext(e.target.checked)}
              />
              Connect without TLS
            </label>
          </div>
        )}
        {failure && keyRefused && <HostKeyChangedAlert error={failure} />}
        {failure && !keyRefused && <EngineErrorAlert error={failure} />}
        <div className="dialog-buttons">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Connecting…' : 'Add'}
          </button>
        </div>
      </form>
      {unknownKey && (
        <TrustHostDialog
          hostKey={unknownKey}
          onClose={() => setUnknownKey(null)}
          onTrusted={() => {
            setUnknownKey(null);
            void add();
          }}
        />
      )}
    </dialog>
  );
}
