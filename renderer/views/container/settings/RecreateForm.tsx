import { useMemo, useState } from 'react';
import type { ContainerSettings } from '../../../../electron/contract/container-types.ts';
import { recreateCommandLines } from '../../../../electron/contract/run-spec/run-command.ts';
import { getClient } from '../../../client/contract-client.ts';
import { CommandPreview } from '../../../components/CommandPreview.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { useCall } from '../../../use-call.ts';
import { containerHref } from '../../../use-hash-route.ts';
import { Field } from '../../containers/new-container/Field.tsx';
import { changesOf, recreateFormOf, type RecreateForm as Form } from './recreate-form.ts';
import { useModal } from '../../../use-modal.ts';

/**
 * Ports, environment, volumes and restart policy cannot change in place: the
 * container is re-created under the same name, after the user confirms.
 */
export function RecreateForm({ settings, name }: { settings: ContainerSettings; name: string }) {
  const original = useMemo(() => recreateFormOf(settings.spec), [settings]);
  const [form, setForm] = useState<Form>(original);
  const [confirming, setConfirming] = useState(false);
  const [showCommand, setShowCommand] = useState(false);
  const { busy, failure, run } = useCall();
  const cliTarget = useCliTarget();
  const { changes, changed, errors } = changesOf(form, original);
  const text = (key: keyof Form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) =>
      setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  const recreate = async () => {
    if (!changes) return;
    setConfirming(false);
    await run(async () => {
      const created = await getClient().call('containers.recreate', settings.id, changes);
      window.location.hash = containerHref(created.id);
    });
  };

  return (
    <form
      aria-labelledby="recreate-title"
      className="form-grid recreate"
      onSubmit={(e) => {
        e.preventDefault();
        if (changes && changed.length) setConfirming(true);
      }}
    >
      <h2 id="recreate-title">Ports, environment, volumes and restart</h2>
      <p className="field-hint full">
        Changing these makes a new container with the same name. The current one is kept until the
        new one runs.
      </p>
      <Field label="Ports" errors={errors.ports} hint="HOST:CONTAINER/tcp, one a line">
        {(a) => <textarea {...a} rows={rowsFor(form.ports)} {...text('ports')} />}
      </Field>
      <Field label="Environment" errors={errors.environment} hint="KEY=value, one a line">
        {(a) => <textarea {...a} rows={rowsFor(form.environment)} {...text('environment')} />}
      </Field>
      <Field
        label="Volumes"
        errors={errors.volumes}
        hint="volume:/path, /host/folder:/path[:ro] or /path"
      >
        {(a) => <textarea {...a} rows={rowsFor(form.volumes)} {...text('volumes')} />}
      </Field>
      <div className="field-pair">
        <Field label="Restart policy" errors={errors.restartPolicy}>
          {(a) => (
            <select {...a} {...text('restartPolicy')}>
              <option value="no">no</option>
              <option value="always">always</option>
              <option value="unless-stopped">unless-stopped</option>
              <option value="on-failure">on-failure</option>
            </select>
          )}
        </Field>
        {form.restartPolicy === 'on-failure' && (
          <Field label="Max retries" errors={errors.maxRetries} hint="Empty: no limit">
            {(a) => <input {...a} inputMode="numeric" {...text('maxRetries')} />}
          </Field>
        )}
      </div>
      {failure && <ErrorAlert message={failure} />}
      {showCommand && (
        <CommandPreview
          command={(shell) =>
            changes
              ? recreateCommandLines(
                  { ...settings.spec, ...specPatch(changes), name },
                  shell,
                  cliTarget,
                ).join('\n')
              : null
          }
        />
      )}
      <div className="dialog-buttons">
        <button type="button" aria-expanded={showCommand} onClick={() => setShowCommand((v) => !v)}>
          Show command
        </button>
        <button type="button" disabled={!changed.length || busy} onClick={() => setForm(original)}>
          Undo changes
        </button>
        <button type="submit" className="primary" disabled={!changes || !changed.length || busy}>
          Save and re-create
        </button>
      </div>
      {busy && (
        <div role="progressbar" aria-label={`Re-creating ${name}`} className="muted">
          Re-creating {name}…
        </div>
      )}
      {confirming && (
        <ConfirmRecreate
          name={name}
          changed={changed}
          running={settings.running}
          onConfirm={() => void recreate()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </form>
  );
}

/** The run spec's fields a set of changes replaces. */
function specPatch(changes: NonNullable<ReturnType<typeof changesOf>['changes']>) {
  return {
    ...(changes.ports ? { ports: changes.ports } : {}),
    ...(changes.env ? { env: changes.env } : {}),
    ...(changes.volumes ? { volumes: changes.volumes } : {}),
    ...(changes.restart ? { restart: changes.restart } : {}),
  };
}

function ConfirmRecreate(props: {
  name: string;
  changed: string[];
  running: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useModal();
  return (
    <dialog
      ref={ref}
      aria-labelledby="recreate-confirm-title"
      className="dialog"
      onCancel={props.onCancel}
    >
      <h2 id="recreate-confirm-title">Re-create {props.name}?</h2>
      <p>
        New {props.changed.join(', ')}: Berth makes a new {props.name} with them
        {props.running ? ', stops the current one and starts the new one' : ''}. The current
        container is kept, renamed, until the new one runs; if the new one fails, the current one
        comes back as it was. Its anonymous volumes go to the new one.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={props.onConfirm}>
          Re-create
        </button>
      </div>
    </dialog>
  );
}

/** Tall enough for what is there, plus a line to add one. */
const rowsFor = (text: string) => Math.min(12, Math.max(3, text.split('\n').length + 1));
