import { useState, type FormEvent } from 'react';
import type { ImageSummary } from '../../../../electron/contract/channels.ts';
import { tagTargetProblem } from '../../../../electron/contract/image-reference.ts';
import { tagCommandLine } from '../../../../electron/contract/image-sharing-commands.ts';
import { getClient } from '../../../client/contract-client.ts';
import { EngineErrorAlert } from '../../../components/EngineErrorAlert.tsx';
import { ShowCommand } from '../../../components/ShowCommand.tsx';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { useModal } from '../../../use-modal.ts';
import { Field } from '../../containers/new-container/Field.tsx';
import { runReference } from '../image-list.ts';
import './share-dialogs.css';
import { useEnvelopeCall } from '../../../use-call.ts';

/**
 * `docker tag`: another name for an image, checked as the CLI checks it while
 * typing; the new name shows on the image's row by itself.
 */
export function TagImageDialog(props: { image: ImageSummary; onClose(): void }) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const source = runReference(props.image);
  const [target, setTarget] = useState('');
  const { busy, failure, run } = useEnvelopeCall();
  const wanted = target.trim();
  const problem = wanted ? tagTargetProblem(wanted) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!wanted || problem || busy) return;
    await run(async () => {
      await getClient().call('images.tag', props.image.id, wanted);
      props.onClose();
    });
  };

  return (
    <dialog
      ref={modal}
      aria-labelledby="tag-image-title"
      className="dialog share-dialog"
      onCancel={props.onClose}
    >
      <h2 id="tag-image-title">Tag {source}</h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <Field
          label="New tag"
          errors={problem ? [problem] : undefined}
          hint="[registry/]name[:tag]; to push it to a registry, start with the registry: localhost:5000/team/app:1"
        >
          {(control) => (
            <input
              {...control}
              autoFocus
              value={target}
              spellCheck={false}
              onChange={(e) => setTarget(e.target.value)}
            />
          )}
        </Field>
        <ShowCommand
          command={(shell) =>
            wanted && !problem ? tagCommandLine(source, wanted, shell, cliTarget) : null
          }
        />
        {failure && <EngineErrorAlert error={failure} />}
        <div className="dialog-buttons">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !wanted || Boolean(problem)}>
            Add tag
          </button>
        </div>
      </form>
    </dialog>
  );
}
