import { useState } from 'react';
import {
  composeCommandLine,
  defaultProjectName,
  projectDirOf,
  type ComposeRequest,
} from '../../../electron/contract/compose-channels.ts';
import { hostPath } from '../../../electron/contract/image-build-channels.ts';
import { projectName } from '../../../electron/contract/refs.ts';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useModal } from '../../use-modal.ts';
import { projectHref } from '../../use-hash-route.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { ComposeOutput } from './ComposeOutput.tsx';
import { cliBlocker, type ComposeCliState } from './use-compose-cli.ts';
import { useComposeRun } from './use-compose-run.ts';

/** The form's request, or the problems of each field. */
function readForm(form: { file: string; project: string; build: boolean }) {
  const file = form.file.trim();
  const fileCheck = hostPath.safeParse(file);
  const project = form.project.trim();
  const projectCheck = project ? projectName.safeParse(project) : null;
  const errors = {
    file: file
      ? fileCheck.success
        ? undefined
        : fileCheck.error.issues.map((i) => i.message)
      : ['Give the compose file’s path'],
    project:
      projectCheck && !projectCheck.success
        ? projectCheck.error.issues.map((i) => i.message)
        : undefined,
  };
  if (errors.file || errors.project) return { request: null, errors };
  const request: ComposeRequest = {
    action: 'up',
    files: [file],
    ...(project ? { project } : {}),
    ...(form.build ? { build: true } : {}),
  };
  return { request, errors };
}

/**
 * `docker compose up -d` from a compose file on the machine Berth runs on
 * (typed, like Build image's folder), into a project named as the CLI would
 * name it unless told otherwise; the output streams below.
 */
export function OpenProjectDialog(props: {
  cli: ComposeCliState;
  initial?: { file: string; project: string };
  onClose(): void;
}) {
  const ref = useModal();
  const target = useCliTarget();
  const [form, setForm] = useState({
    file: props.initial?.file ?? '',
    project: props.initial?.project ?? '',
    build: false,
  });
  const [tried, setTried] = useState(false);
  const { request, errors } = readForm(form);
  const { state, start } = useComposeRun();
  const blocker = cliBlocker(props.cli);
  const running = state.phase === 'running';
  const kind = props.cli.phase === 'known' ? (props.cli.info.found?.kind ?? 'plugin') : 'plugin';
  const defaultName = request ? defaultProjectName(projectDirOf(request)) : '';
  const shownProject =
    state.request?.project ??
    (state.request ? defaultProjectName(projectDirOf(state.request)) : '');
  return (
    <dialog
      ref={ref}
      aria-labelledby="open-project-title"
      className="dialog wide"
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id="open-project-title">Open project</h2>
      <div className="form-grid">
        <Field
          label="Compose file"
          errors={tried ? errors.file : undefined}
          hint="The full path of a compose file (compose.yml) on the machine Berth runs on."
        >
          {(a) => (
            <input
              {...a}
              value={form.file}
              disabled={running}
              spellCheck={false}
              autoFocus
              onChange={(e) => setForm((f) => ({ ...f, file: e.target.value }))}
            />
          )}
        </Field>
        <Field
          label="Project name"
          errors={tried ? errors.project : undefined}
          hint={
            defaultName
              ? `Empty: ${defaultName}, the folder’s name, as the CLI names it.`
              : 'Empty: the folder’s name, as the CLI names it.'
          }
        >
          {(a) => (
            <input
              {...a}
              value={form.project}
              placeholder={defaultName}
              disabled={running}
              spellCheck={false}
              onChange={(e) => setForm((f) => ({ ...f, project: e.target.value }))}
            />
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.build}
            disabled={running}
            onChange={(e) => setForm((f) => ({ ...f, build: e.target.checked }))}
          />
          Build images first (--build)
        </label>
      </div>
      {blocker && (
        <p role="note" className="muted">
          {blocker}
        </p>
      )}
      <ComposeOutput state={state} project={shownProject} />
      {state.phase === 'done' && (
        <p>
          <a href={projectHref(shownProject)} onClick={props.onClose}>
            Go to {shownProject}
          </a>
        </p>
      )}
      <ShowCommand
        command={(shell) => (request ? composeCommandLine(request, kind, shell, target) : null)}
      />
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
        <button
          type="button"
          className="primary"
          disabled={running || blocker !== null}
          onClick={() => {
            setTried(true);
            if (request) start(request);
          }}
        >
          Up
        </button>
      </div>
    </dialog>
  );
}
