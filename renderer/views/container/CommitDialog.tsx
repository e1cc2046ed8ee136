import { useState } from 'react';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import {
  commitCommandLine,
  parseChanges,
  type CommitSpec,
} from '../../../electron/contract/commit-spec.ts';
import { imageRepository, imageTag } from '../../../electron/contract/refs.ts';
import { useCliTarget } from '../../stores/cli-target.ts';
import { imageHref } from '../../use-hash-route.ts';
import { useCall } from '../../use-call.ts';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import './commit-dialog.css';

const problemOf = (schema: typeof imageTag | typeof imageRepository, text: string) =>
  text === '' ? [] : (schema.safeParse(text).error?.issues.map((i) => i.message) ?? []);

/**
 * `docker commit`: the container's filesystem and settings as a new image,
 * with changes (Dockerfile instructions) applied on the way. On success the
 * new image's page opens; its Layers tab shows the commit on top.
 */
export function CommitDialog(props: { container: string; onClose(): void }) {
  const ref = useModal();
  const cliTarget = useCliTarget();
  const [repository, setRepository] = useState('');
  const [tag, setTag] = useState('');
  const [message, setMessage] = useState('');
  const [author, setAuthor] = useState('');
  const [pause, setPause] = useState(true);
  const [changesText, setChangesText] = useState('');
  const { busy, failure, run } = useCall();

  const repoErrors = problemOf(imageRepository, repository.trim());
  const tagErrors = [
    ...problemOf(imageTag, tag.trim()),
    ...(tag.trim() && !repository.trim() ? ['A tag needs a repository'] : []),
  ];
  const changes = parseChanges(changesText);
  const valid = repoErrors.length === 0 && tagErrors.length === 0 && changes.ok;
  const spec: CommitSpec = {
    container: props.container,
    repository: repository.trim(),
    tag: tag.trim(),
    message,
    author,
    pause,
    changes: changes.ok ? changes.value : [],
  };

  const commit = async () => {
    await run(async () => {
      const { id } = await getClient().call('images.commit', spec);
      props.onClose();
      window.location.hash = imageHref(id);
    });
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="commit-title"
      className="dialog commit-dialog"
      onCancel={props.onClose}
    >
      <h2 id="commit-title">Commit {props.container}</h2>
      <p className="muted">
        A new image from this container: its files as they are now, and its settings with your
        changes on top.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void commit();
        }}
      >
        <div className="form-grid">
          <Field label="Repository" errors={repoErrors} hint="Empty: an untagged image.">
            {(a) => (
              <input
                {...a}
                value={repository}
                placeholder="me/my-image"
                onChange={(e) => setRepository(e.target.value)}
              />
            )}
          </Field>
          <Field label="Tag" errors={tagErrors} hint="Empty: latest.">
            {(a) => (
              <input
                {...a}
                value={tag}
                placeholder="latest"
                onChange={(e) => setTag(e.target.value)}
              />
            )}
          </Field>
          <Field label="Message">
            {(a) => <input {...a} value={message} onChange={(e) => setMessage(e.target.value)} />}
          </Field>
          <Field label="Author">
            {(a) => (
              <input
                {...a}
                value={author}
                placeholder="Name <email>"
                onChange={(e) => setAuthor(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="form-grid commit-changes">
          <Field
            label="Changes"
            errors={changes.ok ? [] : changes.errors}
            hint="One instruction a line: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME or WORKDIR."
          >
            {(a) => (
              <textarea
                {...a}
                rows={3}
                value={changesText}
                placeholder={'ENV MODE=production\nEXPOSE 80'}
                onChange={(e) => setChangesText(e.target.value)}
              />
            )}
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={pause} onChange={(e) => setPause(e.target.checked)} />
          Pause during commit
        </label>
        {failure && <ErrorAlert message={failure} />}
        <ShowCommand
          command={(shell) => (valid ? commitCommandLine(spec, shell, cliTarget) : null)}
        />
        <div className="dialog-buttons">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !valid}>
            {busy ? 'Committing…' : 'Commit'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
