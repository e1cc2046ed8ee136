import { useState, type FormEvent } from 'react';
import type { ImageSummary } from '../../../../electron/contract/channels.ts';
import type { ErrorEnvelope } from '../../../../electron/contract/errors.ts';
import { pushCommandLine } from '../../../../electron/contract/image-sharing-commands.ts';
import { envelopeOf } from '../../../components/EngineErrorAlert.tsx';
import { LayeredProgress } from '../../../components/LayeredProgress.tsx';
import { ShowCommand } from '../../../components/ShowCommand.tsx';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { useModal } from '../../../use-modal.ts';
import { Field } from '../../containers/new-container/Field.tsx';
import { pushFold } from './layered-folds.ts';
import { defaultPushRef } from './push-choice.ts';
import { RegistryErrorAlert } from './RegistryErrorAlert.tsx';
import { useLayeredStream } from './use-layered-stream.ts';
import './share-dialogs.css';

type Outcome = { kind: 'pushed' | 'cancelled'; ref: string; text: string } | null;

/**
 * `docker push` of one of a tagged image's names, with each layer's progress.
 * `onLogin`: opens the login for a registry that refused; without it, no
 * "Log in" button is offered.
 */
export function PushImageDialog(props: {
  image: ImageSummary;
  onClose(): void;
  onLogin?: ((registry: string) => void) | undefined;
}) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const tags = props.image.repoTags;
  const [ref, setRef] = useState(() => defaultPushRef(tags) ?? '');
  const [pushing, setPushing] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [failure, setFailure] = useState<{ error: ErrorEnvelope; ref: string } | null>(null);
  const push = useLayeredStream('images.push', pushFold);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ref || pushing) return;
    setOutcome(null);
    setFailure(null);
    setPushing(ref);
    try {
      const { end, text } = await push.start([{ ref }]);
      setOutcome({ kind: end === 'done' ? 'pushed' : 'cancelled', ref, text });
    } catch (err) {
      setFailure({ error: envelopeOf(err), ref });
    } finally {
      setPushing(null);
    }
  };

  return (
    <dialog
      ref={modal}
      aria-labelledby="push-image-title"
      className="dialog share-dialog"
      onCancel={props.onClose}
    >
      <h2 id="push-image-title">Push {tags[0]}</h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        {tags.length > 1 ? (
          <Field
            label="Tag to push"
            hint="The registry is the part before the first slash; a name without one goes to Docker Hub."
          >
            {(control) => (
              <select {...control} value={ref} onChange={(e) => setRef(e.target.value)}>
                {tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <p>
            Sends <strong>{ref}</strong> to its registry. A name without a registry goes to Docker
            Hub: tag it as registry/name:tag first to push elsewhere.
          </p>
        )}
        <ShowCommand command={(shell) => (ref ? pushCommandLine(ref, shell, cliTarget) : null)} />
        <div className="share-status">
          {pushing && push.progress && (
            <LayeredProgress label={`Pushing ${pushing}`} {...push.progress} />
          )}
          {outcome?.kind === 'pushed' && (
            <p role="status" aria-label={`Pushed ${outcome.ref}`}>
              Pushed {outcome.ref}.{' '}
              <span className="muted">{outcome.text.replace(/^Pushed: /, '')}</span>
            </p>
          )}
          {outcome?.kind === 'cancelled' && (
            <p role="status" aria-label={`Push of ${outcome.ref} cancelled`}>
              The push of {outcome.ref} was cancelled. The registry shows no new tag; layers it
              already received stay there and are reused by the next push.
            </p>
          )}
          {failure && (
            <RegistryErrorAlert
              error={failure.error}
              image={failure.ref}
              verb="push"
              onLogin={props.onLogin}
            />
          )}
        </div>
        <div className="dialog-buttons">
          {pushing ? (
            <button type="button" onClick={push.cancel}>
              Cancel push
            </button>
          ) : (
            <button type="button" onClick={props.onClose}>
              Close
            </button>
          )}
          <button type="submit" className="primary" disabled={Boolean(pushing) || !ref}>
            Push
          </button>
        </div>
      </form>
    </dialog>
  );
}
