import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImageSummary, NetworkSummary } from '../../../../electron/contract/channels.ts';
import type { ErrorEnvelope } from '../../../../electron/contract/errors.ts';
import {
  runCommandLine,
  type CliTarget,
} from '../../../../electron/contract/run-spec/run-command.ts';
import { getClient } from '../../../client/contract-client.ts';
import { CommandPreview } from '../../../components/CommandPreview.tsx';
import { EngineErrorAlert, envelopeOf } from '../../../components/EngineErrorAlert.tsx';
import { useContainersStore } from '../../../stores/containers-store.ts';
import { useModal } from '../../../use-modal.ts';
import { withHostPort } from './clashes.ts';
import { EnvFileInput } from './EnvFileInput.tsx';
import { EnvRowsEditor } from './EnvRowsEditor.tsx';
import { Field } from './Field.tsx';
import { FolderPickerButton } from './FolderPickerButton.tsx';
import { moreOptionKeys, type FormBindings } from './form-bindings.ts';
import { bindLineFor, initialForm, specFromForm, type FieldKey, type FormState } from './form.ts';
import { ImageField } from './ImageField.tsx';
import { MoreOptions } from './MoreOptions.tsx';
import { PullProgress } from './PullProgress.tsx';
import { useClashes } from './use-clashes.ts';
import { useImageFacts } from './use-image-facts.ts';
import { useImagePull } from './use-image-pull.ts';
import { useRememberedFlag } from './use-remembered-flag.ts';
import './new-container.css';

/**
 * `docker run` as a form: the essentials first (image, name, ports,
 * environment, volumes), the rest under "More options". Text fields take the
 * CLI's syntax, one entry a line; "Show command" shows the same as a
 * `docker run` line, updated as you type. A name or host port that something
 * holds already is said beside its field before the engine is asked.
 */
export function NewContainerDialog(props: {
  image?: string;
  cliTarget: CliTarget;
  onClose(created?: string): void;
}) {
  const ref = useModal();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormState>(() => initialForm(props.image));
  const [touched, setTouched] = useState(false);
  const [showCommand, setShowCommand] = useState(false);
  const [envRows, setEnvRows] = useState(false);
  const [more, setMore] = useRememberedFlag('berth.newContainer.moreOptions', false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorEnvelope | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [images, setImages] = useState<ImageSummary[]>([]);
  const [networks, setNetworks] = useState<NetworkSummary[]>([]);
  const containers = useContainersStore(useShallow((s) => Object.values(s.byId)));
  const { spec, errors } = useMemo(() => specFromForm(form), [form]);
  const pull = useImagePull();
  const tags = useMemo(() => images.flatMap((i) => i.repoTags), [images]);
  const facts = useImageFacts(form.image, tags, containers, setForm);
  const { clashes, checkNow } = useClashes(form.name, form.ports, containers);

  useEffect(() => {
    const client = getClient();
    client.call('images.list').then(
      (s) => setImages(s.items),
      () => setImages([]),
    );
    client.call('networks.list').then(
      (s) => setNetworks(s.items),
      () => setNetworks([]),
    );
  }, []);

  useEffect(() => {
    if (showCommand)
      formRef.current?.querySelector('.command')?.scrollIntoView({ block: 'nearest' });
  }, [showCommand]);

  // After a refused submit: the first marked field, once it is rendered (More options opened).
  useEffect(() => {
    if (focusRequest) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const shownErrors = (field: FieldKey) =>
    touched || form[field] !== initialForm()[field] ? errors[field] : undefined;
  const bind: FormBindings = {
    form,
    set: (key) => (value) => setForm((f) => ({ ...f, [key]: value })),
    text: (key) => ({
      value: form[key] as string,
      onChange: (e) => setForm((f) => ({ ...f, [key]: e.target.value })),
    }),
    check: (key) => ({
      checked: form[key] as boolean,
      onChange: (e) => setForm((f) => ({ ...f, [key]: e.target.checked })),
    }),
    errors: shownErrors,
  };
  const nameErrors = [...(shownErrors('name') ?? []), ...(clashes.name ? [clashes.name] : [])];
  const portErrors = [...(shownErrors('ports') ?? []), ...clashes.ports.map((p) => p.message)];

  const refuse = (fields: FieldKey[]) => {
    if (fields.some((f) => moreOptionKeys.includes(f))) setMore(true);
    setFocusRequest((n) => n + 1);
  };

  /** `docker run -d`, or `docker create` when `start` is false. */
  const create = async (start = true) => {
    setTouched(true);
    if (!spec) return refuse(Object.keys(errors) as FieldKey[]);
    setBusy(true);
    setFailure(null);
    try {
      const found = await checkNow();
      if (found.name || found.ports.length) return refuse([]);
      // A missing image is pulled here first, with progress; cancelled: nothing is created.
      if (!(await pull.ensureLocal(spec.image))) return;
      const created = await getClient().call('containers.create', { ...spec, start });
      props.onClose(created.id);
    } catch (err) {
      setFailure(envelopeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="new-container-title"
      className="dialog wide new-container"
      onCancel={() => props.onClose()}
    >
      <h2 id="new-container-title">New container</h2>
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="dialog-body form-grid">
          <ImageField bind={bind} localTags={tags} facts={facts} />
          <Field label="Name" errors={nameErrors} hint="Empty: the engine picks one">
            {(a) => <input {...a} {...bind.text('name')} />}
          </Field>
          <Field
            label="Ports"
            term="port"
            errors={portErrors}
            hint={
              'One a line: HOST:CONTAINER, like 8080:80 or 127.0.0.1:5353:53/udp' +
              (clashes.portsNote ? `. ${clashes.portsNote}` : '')
            }
            actions={clashes.ports.map(
              (p) =>
                p.suggestion !== null && (
                  <button
                    key={`${p.hostPort}/${p.protocol}`}
                    type="button"
                    className="small fix"
                    onClick={() =>
                      setForm((f) => ({
                        ...f,
                        ports: withHostPort(f.ports, p.hostPort, p.protocol, p.suggestion!),
                      }))
                    }
                  >
                    Use host port {p.suggestion}
                  </button>
                ),
            )}
          >
            {(a) => <textarea {...a} rows={2} {...bind.text('ports')} />}
          </Field>
          <Field
            label="Environment"
            term="environmentVariable"
            errors={shownErrors('environment')}
            hint="One a line: KEY=value"
          >
            {(a) => (
              <>
                <textarea {...a} rows={2} {...bind.text('environment')} />
                <div className="field-tools">
                  <EnvFileInput
                    onLines={(lines) =>
                      setForm((f) => ({
                        ...f,
                        environment: [f.environment.trimEnd(), ...lines].filter(Boolean).join('\n'),
                      }))
                    }
                  />
                  <button
                    type="button"
                    aria-expanded={envRows}
                    onClick={() => setEnvRows((v) => !v)}
                  >
                    Edit as rows
                  </button>
                </div>
                {envRows && (
                  <EnvRowsEditor text={form.environment} onChange={bind.set('environment')} />
                )}
              </>
            )}
          </Field>
          <Field
            label="Volumes"
            term="volume"
            errors={shownErrors('volumes')}
            hint="One a line: name:/data, /host/folder:/data:ro, or /data"
          >
            {(a) => (
              <>
                <textarea {...a} rows={2} {...bind.text('volumes')} />
                <FolderPickerButton
                  onFolder={(folder) =>
                    setForm((f) => ({
                      ...f,
                      volumes: [f.volumes.trimEnd(), bindLineFor(folder)]
                        .filter(Boolean)
                        .join('\n'),
                    }))
                  }
                />
              </>
            )}
          </Field>
          <MoreOptions open={more} onToggle={setMore} bind={bind} networks={networks} />
          {showCommand && (
            <CommandPreview
              command={(shell) => (spec ? runCommandLine(spec, shell, props.cliTarget) : null)}
            />
          )}
        </div>
        <div className="dialog-footer">
          {failure && <EngineErrorAlert error={failure} />}
          {pull.view ? (
            <PullProgress view={pull.view} onCancel={pull.cancel} />
          ) : (
            busy && (
              <div role="progressbar" aria-label="Creating the container" className="muted">
                Creating…
              </div>
            )
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
        </div>
      </form>
    </dialog>
  );
}
