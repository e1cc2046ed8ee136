import { useEffect, useMemo, useRef, useState } from 'react';
import type { ImageSummary, NetworkSummary } from '../../../../electron/contract/channels.ts';
import {
  runCommandLine,
  type CliTarget,
} from '../../../../electron/contract/run-spec/run-command.ts';
import { getClient } from '../../../client/contract-client.ts';
import { CommandPreview } from '../../../components/CommandPreview.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCall } from '../../../use-call.ts';
import { imageReferenceProblem } from '../../../../electron/contract/run-spec/parse.ts';
import { EnvFileInput } from './EnvFileInput.tsx';
import { EnvRowsEditor } from './EnvRowsEditor.tsx';
import { Field } from './Field.tsx';
import { FolderPickerButton } from './FolderPickerButton.tsx';
import { bindLineFor, initialForm, specFromForm, type FieldKey, type FormState } from './form.ts';
import { PullProgress } from './PullProgress.tsx';
import { useImagePull } from './use-image-pull.ts';
import { useModal } from '../../../use-modal.ts';

/**
 * `docker run` as a form. Text fields take the CLI's syntax, one entry a line;
 * "Show command" shows the same as a `docker run` line, updated as you type.
 */
export function NewContainerDialog(props: {
  image?: string;
  cliTarget: CliTarget;
  onClose(created?: string): void;
}) {
  const ref = useModal();
  const [form, setForm] = useState<FormState>(() => initialForm(props.image));
  const [touched, setTouched] = useState(false);
  const [showCommand, setShowCommand] = useState(false);
  const [envRows, setEnvRows] = useState(false);
  const { busy, failure, run } = useCall();
  const [images, setImages] = useState<ImageSummary[]>([]);
  const [networks, setNetworks] = useState<NetworkSummary[]>([]);
  const { spec, errors } = useMemo(() => specFromForm(form), [form]);
  const pull = useImagePull();
  const shownErrors = (field: FieldKey) =>
    touched || form[field] !== initialForm()[field] ? errors[field] : undefined;

  useEffect(() => {
    const client = getClient();
    client.call('images.list').then(setImages, () => setImages([]));
    client.call('networks.list').then(setNetworks, () => setNetworks([]));
  }, []);

  // What the image declares (EXPOSE, VOLUME) fills Ports and Volumes, unless the user wrote there.
  const [imageNote, setImageNote] = useState('A local image, or one to pull');
  const prefilled = useRef({ ports: '', volumes: '' });
  useEffect(() => {
    const image = form.image.trim();
    if (imageReferenceProblem(image)) return;
    const timer = setTimeout(() => {
      getClient()
        .call('images.inspect', image)
        .then((details) => {
          const ports = details.exposedPorts.join('\n');
          const volumes = details.volumes.join('\n');
          // Captured now: the updater below runs later, after prefilled.current changes.
          const before = prefilled.current;
          prefilled.current = { ports, volumes };
          setForm((f) => ({
            ...f,
            ports: f.ports === before.ports ? ports : f.ports,
            volumes: f.volumes === before.volumes ? volumes : f.volumes,
          }));
          const declared = [...details.exposedPorts, ...details.volumes];
          setImageNote(
            declared.length
              ? `On this machine. It declares ${declared.join(', ')}: filled in below, each port on a free host port.`
              : 'On this machine.',
          );
        })
        .catch(() =>
          setImageNote('Not on this machine: it will be pulled first (needs a registry).'),
        );
    }, 300);
    return () => clearTimeout(timer);
  }, [form.image]);

  const set =
    <K extends FieldKey>(key: K) =>
    (value: FormState[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const text = (key: FieldKey) => ({
    value: form[key] as string,
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value as never),
  });
  const check = (key: FieldKey) => ({
    checked: form[key] as boolean,
    onChange: (e: { target: { checked: boolean } }) => set(key)(e.target.checked as never),
  });

  /** `docker run -d`, or `docker create` when `start` is false. */
  const create = async (start = true) => {
    setTouched(true);
    if (!spec) return;
    await run(async () => {
      // A missing image is pulled here first, with progress; cancelled: nothing is created.
      if (!(await pull.ensureLocal(spec.image))) return;
      const created = await getClient().call('containers.create', { ...spec, start });
      props.onClose(created.id);
    });
  };

  const tags = images.flatMap((i) => i.repoTags);
  return (
    <dialog
      ref={ref}
      aria-labelledby="new-container-title"
      className="dialog wide"
      onCancel={() => props.onClose()}
    >
      <h2 id="new-container-title">New container</h2>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Field label="Image" errors={shownErrors('image')} hint={imageNote}>
          {(a) => (
            <div className="image-input">
              <input {...a} autoFocus placeholder="busybox:latest" {...text('image')} />
              {/* A plain textbox keeps the field a textbox; local images fill it from here. */}
              <select
                aria-label="Pick from this machine"
                value=""
                onChange={(e) => e.target.value && set('image')(e.target.value)}
              >
                <option value="">On this machine…</option>
                {tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
          )}
        </Field>
        <Field label="Name" errors={shownErrors('name')} hint="Empty: the engine picks one">
          {(a) => <input {...a} {...text('name')} />}
        </Field>
        <Field
          label="Command"
          errors={shownErrors('command')}
          hint="Empty: the image's own; quote as in a shell"
        >
          {(a) => <input {...a} {...text('command')} />}
        </Field>
        <Field label="Entrypoint" errors={shownErrors('entrypoint')}>
          {(a) => <input {...a} {...text('entrypoint')} />}
        </Field>
        <Field
          label="Ports"
          errors={shownErrors('ports')}
          hint="One a line: HOST:CONTAINER, like 8080:80 or 127.0.0.1:5353:53/udp"
        >
          {(a) => <textarea {...a} rows={2} {...text('ports')} />}
        </Field>
        <Field label="Environment" errors={shownErrors('environment')} hint="One a line: KEY=value">
          {(a) => (
            <>
              <textarea {...a} rows={2} {...text('environment')} />
              <div className="field-tools">
                <EnvFileInput
                  onLines={(lines) =>
                    setForm((f) => ({
                      ...f,
                      environment: [f.environment.trimEnd(), ...lines].filter(Boolean).join('\n'),
                    }))
                  }
                />
                <button type="button" aria-expanded={envRows} onClick={() => setEnvRows((v) => !v)}>
                  Edit as rows
                </button>
              </div>
              {envRows && <EnvRowsEditor text={form.environment} onChange={set('environment')} />}
            </>
          )}
        </Field>
        <Field
          label="Volumes"
          errors={shownErrors('volumes')}
          hint="One a line: name:/data, /host/folder:/data:ro, or /data"
        >
          {(a) => (
            <>
              <textarea {...a} rows={2} {...text('volumes')} />
              <FolderPickerButton
                onFolder={(folder) =>
                  setForm((f) => ({
                    ...f,
                    volumes: [f.volumes.trimEnd(), bindLineFor(folder)].filter(Boolean).join('\n'),
                  }))
                }
              />
            </>
          )}
        </Field>
        <Field label="Labels" errors={shownErrors('labels')} hint="One a line: key=value">
          {(a) => <textarea {...a} rows={1} {...text('labels')} />}
        </Field>
        <Field label="Network" errors={shownErrors('network')}>
          {(a) => (
            <select {...a} {...text('network')}>
              <option value="">Default (bridge)</option>
              {networks
                .filter((n) => n.name !== 'bridge')
                .map((n) => (
                  <option key={n.id} value={n.name}>
                    {n.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field
          label="Links"
          errors={shownErrors('links')}
          hint="Legacy --link, one a line: container or container:alias (networks replace links)"
        >
          {(a) => <textarea {...a} rows={1} {...text('links')} />}
        </Field>
        <Field label="Restart policy" errors={shownErrors('restartPolicy')}>
          {(a) => (
            <select
              {...a}
              value={form.restartPolicy}
              onChange={(e) => set('restartPolicy')(e.target.value as FormState['restartPolicy'])}
            >
              <option value="no">No</option>
              <option value="always">Always</option>
              <option value="unless-stopped">Unless stopped</option>
              <option value="on-failure">On failure</option>
            </select>
          )}
        </Field>
        {form.restartPolicy === 'on-failure' && (
          <Field label="Max retries" errors={shownErrors('maxRetries')}>
            {(a) => <input {...a} inputMode="numeric" {...text('maxRetries')} />}
          </Field>
        )}
        <Field label="Memory limit" errors={shownErrors('memoryLimit')} hint="Like 512m or 1g">
          {(a) => <input {...a} {...text('memoryLimit')} />}
        </Field>
        <Field
          label="CPU shares"
          errors={shownErrors('cpuShares')}
          hint="Relative weight; 1024 is the default"
        >
          {(a) => <input {...a} inputMode="numeric" {...text('cpuShares')} />}
        </Field>
        <Field label="CPU set" errors={shownErrors('cpuset')} hint="Like 0-1">
          {(a) => <input {...a} {...text('cpuset')} />}
        </Field>
        <Field label="User" errors={shownErrors('user')} hint="name, uid or uid:gid">
          {(a) => <input {...a} {...text('user')} />}
        </Field>
        <Field label="Working directory" errors={shownErrors('workdir')}>
          {(a) => <input {...a} {...text('workdir')} />}
        </Field>
        <fieldset className="checks">
          <legend>Options</legend>
          <label className="checkbox">
            <input type="checkbox" {...check('publishAll')} /> Publish all exposed (-P)
          </label>
          <label className="checkbox">
            <input type="checkbox" {...check('interactive')} /> Interactive
          </label>
          <label className="checkbox">
            <input type="checkbox" {...check('tty')} /> TTY
          </label>
          <label className="checkbox">
            <input type="checkbox" {...check('autoRemove')} /> Remove when it exits
          </label>
          <label className="checkbox">
            <input type="checkbox" {...check('privileged')} /> Privileged
          </label>
          {form.privileged && (
            <p className="hint">
              A privileged container can do almost anything the host's root can. Use it only when
              you must.
            </p>
          )}
        </fieldset>
        {failure && <ErrorAlert message={failure} />}
        {showCommand && (
          <CommandPreview
            command={(shell) => (spec ? runCommandLine(spec, shell, props.cliTarget) : null)}
          />
        )}
        <div className="dialog-buttons">
          <button
            type="button"
            aria-expanded={showCommand}
            onClick={() => setShowCommand((v) => !v)}
          >
            Show command
          </button>
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="button" disabled={busy} onClick={() => void create(false)}>
            Create
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Create and start
          </button>
        </div>
        {pull.view ? (
          <PullProgress view={pull.view} onCancel={pull.cancel} />
        ) : (
          busy && (
            <div role="progressbar" aria-label="Creating the container" className="muted">
              Creating…
            </div>
          )
        )}
      </form>
    </dialog>
  );
}
