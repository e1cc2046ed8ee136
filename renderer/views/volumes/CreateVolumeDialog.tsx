import { useState, type FormEvent } from 'react';
import {
  volumeCreateArgs,
  volumeCreateSpec,
  type VolumeCreateSpec,
} from '../../../electron/contract/volume-actions-channels.ts';
import { dockerCommandLine } from '../../../electron/contract/run-spec/run-command.ts';
import { getClient } from '../../client/contract-client.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { parseKeyValueLines } from './volume-list.ts';
import { useEnvelopeCall } from '../../use-call.ts';

type Problems = Partial<Record<'name' | 'driver' | 'options' | 'labels', string[]>>;

/** The spec the fields describe, checked by the contract's own schema, or each field's problems. */
function specOf(fields: { name: string; driver: string; options: string; labels: string }): {
  spec: VolumeCreateSpec | null;
  problems: Problems;
} {
  const problems: Problems = {};
  const options = parseKeyValueLines(fields.options);
  const labels = parseKeyValueLines(fields.labels);
  if (!options.ok) problems.options = options.errors;
  if (!labels.ok) problems.labels = labels.errors;
  const spec: VolumeCreateSpec = {
    ...(fields.name.trim() ? { name: fields.name.trim() } : {}),
    driver: fields.driver.trim() || 'local',
    options: options.ok ? options.value : {},
    labels: labels.ok ? labels.value : {},
  };
  const checked = volumeCreateSpec.safeParse(spec);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0] as keyof Problems;
      (problems[field] ??= []).push(issue.message);
    }
  }
  return { spec: Object.keys(problems).length ? null : spec, problems };
}

/**
 * `docker volume create`: the name is checked by the engine's rule before the
 * engine is asked; what the engine refuses (a driver it lacks, bad options)
 * comes back in its own words.
 */
export function CreateVolumeDialog(props: { onClose(name?: string): void }) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const [fields, setFields] = useState({ name: '', driver: 'local', options: '', labels: '' });
  const [tried, setTried] = useState(false);
  const { busy, failure, run } = useEnvelopeCall();
  const { spec, problems } = specOf(fields);
  // The name is checked as it is typed; the rest once a create was tried.
  const shown: Problems = tried ? problems : { ...(problems.name && { name: problems.name }) };
  const text = (key: keyof typeof fields) => ({
    value: fields[key],
    onChange: (e: { target: { value: string } }) =>
      setFields((f) => ({ ...f, [key]: e.target.value })),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!spec || busy) return;
    await run(async () => {
      const { name } = await getClient().call('volumes.create', spec);
      props.onClose(name);
    });
  };

  return (
    <dialog
      ref={modal}
      aria-labelledby="create-volume-title"
      className="dialog"
      onCancel={() => props.onClose()}
    >
      <h2 id="create-volume-title">Create volume</h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <Field label="Name" errors={shown.name} hint="Empty: the engine picks a name">
          {(a) => <input {...a} autoFocus autoComplete="off" {...text('name')} />}
        </Field>
        <Field
          label="Driver"
          errors={shown.driver}
          hint="local unless a volume plugin is installed"
        >
          {(a) => <input {...a} autoComplete="off" {...text('driver')} />}
        </Field>
        <Field
          label="Options"
          errors={shown.options}
          hint="The driver's options (-o), one a line: type=tmpfs, device=tmpfs, o=size=100m"
        >
          {(a) => <textarea {...a} rows={2} {...text('options')} />}
        </Field>
        <Field label="Labels" errors={shown.labels} hint="One a line: key=value">
          {(a) => <textarea {...a} rows={2} {...text('labels')} />}
        </Field>
        {failure && <EngineErrorAlert error={failure} />}
        <ShowCommand
          command={(shell) =>
            spec ? dockerCommandLine(volumeCreateArgs(spec), shell, cliTarget) : null
          }
        />
        <div className="dialog-buttons">
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Create
          </button>
        </div>
      </form>
    </dialog>
  );
}
