import { useEffect, useMemo, useRef, useState } from 'react';
import { ContractError } from '../../../../electron/contract/errors.ts';
import { buildCommandLine } from '../../../../electron/contract/image-build-command.ts';
import { EngineErrorAlert, envelopeOf } from '../../../components/EngineErrorAlert.tsx';
import { ShowCommand } from '../../../components/ShowCommand.tsx';
import { desktopApi } from '../../../client/contract-client.ts';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { useModal } from '../../../use-modal.ts';
import { imageHref } from '../../../use-hash-route.ts';
import { Field } from '../../containers/new-container/Field.tsx';
import { FolderPickerButton } from '../../containers/new-container/FolderPickerButton.tsx';
import { shortId } from '../image-list.ts';
import { emptyBuildForm, readBuildForm, type BuildForm } from './build-form.ts';
import { BuildOutput } from './BuildOutput.tsx';
import { ContextSummary, PickedSummary } from './ContextSummary.tsx';
import { FolderUploadButton } from './FolderUploadButton.tsx';
import { uploadContext, type PickedFolder } from './upload-context.ts';
import { useContextInfo } from './use-context-info.ts';
import { useImageBuild } from './use-image-build.ts';
import './build-image.css';

/**
 * `docker build` with the classic builder: a folder on the machine Berth runs
 * on (picked with the system's dialog on the desktop, typed in the browser),
 * measured before it is sent, and the output streamed step by step.
 */
export function BuildImageDialog(props: { onClose(): void }) {
  const ref = useModal();
  const cliTarget = useCliTarget();
  const [form, setForm] = useState<BuildForm>(emptyBuildForm);
  const [tried, setTried] = useState(false);
  /** A folder picked in the browser, uploaded when the build starts (instead of a path). */
  const [picked, setPicked] = useState<PickedFolder | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<ContractError | null>(null);
  const { options, errors } = useMemo(
    () => readBuildForm(picked ? { ...form, context: `/${picked.folder}` } : form),
    [form, picked],
  );
  const context = useContextInfo(picked ? '' : form.context, form.dockerfile);
  const { state, start, cancel } = useImageBuild();
  const building = state.phase === 'building' || uploading;
  const set = (key: keyof BuildForm) => (value: string | boolean) =>
    setForm((f) => ({ ...f, [key]: value }));
  const text = (key: 'context' | 'dockerfile' | 'tags' | 'buildArgs' | 'target') => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value),
    disabled: building,
  });
  const shown = (field: keyof typeof errors) => (tried ? errors[field] : undefined);

  // An upload that finishes after the dialog closed must not start a build nobody watches.
  const open = useRef(true);
  useEffect(() => {
    open.current = true;
    return () => {
      open.current = false;
    };
  }, []);

  const build = async () => {
    setTried(true);
    setUploadError(null);
    if (!options) return;
    if (!picked) {
      start(options);
      return;
    }
    setUploading(true);
    try {
      const uploaded = await uploadContext(picked);
      if (open.current) start({ ...options, context: uploaded });
    } catch (err) {
      setUploadError(new ContractError(envelopeOf(err)));
    } finally {
      setUploading(false);
    }
  };
  const close = () => {
    cancel();
    props.onClose();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="build-image-title"
      className="dialog wide build-image"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id="build-image-title">Build image</h2>
      <div className="form-grid build-fields">
        <Field
          label="Context folder"
          errors={shown('context')}
          hint={
            desktopApi()
              ? 'The folder holding the Dockerfile and what it copies.'
              : "A folder on the machine Berth's server runs on (typed here), or Upload folder… from this browser: it holds the Dockerfile and what it copies."
          }
        >
          {(a) => (
            <>
              <input
                {...a}
                {...text('context')}
                {...(picked
                  ? { value: `${picked.folder} (from this browser)`, readOnly: true }
                  : {})}
                autoFocus
                spellCheck={false}
              />
              <div className="field-tools">
                <FolderPickerButton onFolder={(folder) => set('context')(folder)} />
                <FolderUploadButton disabled={building} onPicked={setPicked} />
                {picked && (
                  <button type="button" disabled={building} onClick={() => setPicked(null)}>
                    Use a path instead
                  </button>
                )}
              </div>
            </>
          )}
        </Field>
        <Field
          label="Dockerfile"
          errors={shown('dockerfile')}
          hint="Relative to the context folder, or a full path to another file."
        >
          {(a) => <input {...a} {...text('dockerfile')} spellCheck={false} />}
        </Field>
        <Field
          label="Tags"
          errors={shown('tags')}
          hint="One a line, or separated by commas: name:tag. None leaves the image untagged."
        >
          {(a) => <textarea {...a} {...text('tags')} rows={2} spellCheck={false} />}
        </Field>
        <Field
          label="Build args"
          errors={shown('buildArgs')}
          hint="One a line: KEY=value (ARG KEY in the Dockerfile)."
        >
          {(a) => <textarea {...a} {...text('buildArgs')} rows={2} spellCheck={false} />}
        </Field>
        <Field
          label="Target"
          errors={shown('target')}
          hint="The stage to stop at (FROM … AS name); empty builds the last one."
        >
          {(a) => <input {...a} {...text('target')} spellCheck={false} />}
        </Field>
        <div className="checks build-flags">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.noCache}
              disabled={building}
              onChange={(e) => set('noCache')(e.target.checked)}
            />
            No cache
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.pull}
              disabled={building}
              onChange={(e) => set('pull')(e.target.checked)}
            />
            Pull
          </label>
        </div>
      </div>
      {picked ? (
        <PickedSummary picked={picked} dockerfile={form.dockerfile} />
      ) : (
        <ContextSummary state={context} />
      )}
      {uploading && (
        <p role="status" aria-label="Uploading the folder" className="muted">
          Uploading {picked?.folder}…
        </p>
      )}
      {uploadError && <EngineErrorAlert error={uploadError.envelope} />}
      {state.phase === 'failed' && state.error && <EngineErrorAlert error={state.error} />}
      {state.phase === 'cancelled' && (
        <p role="status" aria-label="Build cancelled" className="muted">
          The build was cancelled: the engine stopped it and removed its container; no image was
          tagged.
        </p>
      )}
      {state.phase === 'built' && state.view.done && (
        <p role="status" aria-label="Built" className="build-done">
          Built {shortId(state.view.done.imageId)}
          {state.view.done.tags.length ? ` (${state.view.done.tags.join(', ')})` : ''} in{' '}
          {(state.view.done.ms / 1000).toFixed(1)} s.{' '}
          <a href={imageHref(state.view.done.imageId)} onClick={props.onClose}>
            Open image
          </a>
        </p>
      )}
      {state.phase !== 'idle' && (
        <BuildOutput
          view={state.view}
          {...(state.phase === 'failed' && state.error?.step
            ? { failedStep: state.error.step }
            : {})}
        />
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Close
        </button>
        {building ? (
          <button type="button" className="danger" disabled={uploading} onClick={cancel}>
            Cancel build
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void build()}>
            Build
          </button>
        )}
      </div>
      <ShowCommand
        command={(shell) =>
          options
            ? buildCommandLine(
                picked ? { ...options, context: picked.folder } : options,
                shell,
                cliTarget,
              )
            : null
        }
      />
    </dialog>
  );
}
