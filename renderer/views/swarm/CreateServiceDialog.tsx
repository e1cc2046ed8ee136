// `docker service create` as a form: the New container dialog's essentials
// (image, name, command, ports, environment) plus what a service adds
// (mode, replicas, placement constraints). "Show command" shows the same as a
// `docker service create` line, updated as you type.
import { useState } from 'react';
import { serviceCreateCommandLine } from '../../../electron/contract/swarm-commands.ts';
import { getClient } from '../../client/contract-client.ts';
import { CommandPreview } from '../../components/CommandPreview.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useCall } from '../../use-call.ts';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { DialogButtons } from './DialogButtons.tsx';
import {
  emptyServiceForm,
  specFromServiceForm,
  type ServiceField,
  type ServiceForm,
} from './service-form.ts';

export function CreateServiceDialog(props: { onClose(): void; onCreated(name: string): void }) {
  const ref = useModal();
  const target = useCliTarget();
  const [form, setForm] = useState<ServiceForm>(emptyServiceForm);
  const [touched, setTouched] = useState(false);
  const [showCommand, setShowCommand] = useState(false);
  const { busy, failure, run } = useCall();
  const { spec, errors } = specFromServiceForm(form);
  const shown = (field: ServiceField) =>
    touched || form[field] !== emptyServiceForm[field] ? errors[field] : undefined;
  const text = (field: Exclude<ServiceField, 'mode'>) => ({
    value: form[field],
    onChange: (e: { target: { value: string } }) =>
      setForm((f) => ({ ...f, [field]: e.target.value })),
  });

  const create = async () => {
    setTouched(true);
    if (!spec) return;
    if (await run(() => getClient().call('swarm.createService', spec))) {
      props.onClose();
      props.onCreated(spec.name ?? '');
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="create-service-title"
      className="dialog wide"
      onCancel={props.onClose}
    >
      <h2 id="create-service-title">Create service</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="form-grid">
          <Field
            label="Image"
            errors={shown('image')}
            hint="Every node that runs a task needs it (or a registry it can pull from)."
          >
            {(a) => <input {...a} autoFocus {...text('image')} />}
          </Field>
          <Field label="Name" errors={shown('name')}>
            {(a) => <input {...a} {...text('name')} />}
          </Field>
          <Field
            label="Command"
            errors={shown('command')}
            hint="What to run instead of the image's command."
          >
            {(a) => <input {...a} {...text('command')} />}
          </Field>
          <Field label="Mode">
            {(a) => (
              <select
                {...a}
                value={form.mode}
                onChange={(e) =>
                  setForm((f) => ({ ...f, mode: e.target.value as ServiceForm['mode'] }))
                }
              >
                <option value="replicated">replicated (a number of tasks)</option>
                <option value="global">global (one task on every node)</option>
              </select>
            )}
          </Field>
          {form.mode === 'replicated' && (
            <Field label="Replicas" errors={shown('replicas')}>
              {(a) => <input {...a} inputMode="numeric" {...text('replicas')} />}
            </Field>
          )}
          <Field
            label="Ports"
            errors={shown('ports')}
            hint="PUBLISHED:TARGET a line (8080:80): published on every node."
          >
            {(a) => <textarea {...a} rows={2} {...text('ports')} />}
          </Field>
          <Field label="Environment" errors={shown('environment')} hint="KEY=value a line.">
            {(a) => <textarea {...a} rows={2} {...text('environment')} />}
          </Field>
          <Field
            label="Placement constraints"
            errors={shown('constraints')}
            hint="One a line: node.role==worker, node.labels.zone==east, node.hostname!=vm2."
          >
            {(a) => <textarea {...a} rows={2} {...text('constraints')} />}
          </Field>
        </div>
        {failure && <ErrorAlert message={failure} />}
        {showCommand && (
          <CommandPreview
            command={(shell) => (spec ? serviceCreateCommandLine(spec, shell, target) : null)}
          />
        )}
        <DialogButtons
          onCancel={props.onClose}
          disabled={busy}
          extra={
            <button
              type="button"
              aria-expanded={showCommand}
              onClick={() => setShowCommand((v) => !v)}
            >
              Show command
            </button>
          }
        >
          Create service
        </DialogButtons>
      </form>
    </dialog>
  );
}
