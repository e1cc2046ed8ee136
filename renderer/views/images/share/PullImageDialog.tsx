import { useState, type FormEvent } from 'react';
import { envelopeOf } from '../../../components/EngineErrorAlert.tsx';
import type { ErrorEnvelope } from '../../../../electron/contract/errors.ts';
import { imageReferenceProblem } from '../../../../electron/contract/image-reference.ts';
import { pullCommandLine } from '../../../../electron/contract/image-sharing-commands.ts';
import { platformProblem } from '../../../../electron/contract/image-platform.ts';
import { LayeredProgress } from '../../../components/LayeredProgress.tsx';
import { ShowCommand } from '../../../components/ShowCommand.tsx';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { useModal } from '../../../use-modal.ts';
import { Field } from '../../containers/new-container/Field.tsx';
import { pullFold } from './layered-folds.ts';
import { RegistryErrorAlert } from './RegistryErrorAlert.tsx';
import { useLayeredStream } from './use-layered-stream.ts';
import './share-dialogs.css';

type Outcome = { kind: 'pulled' | 'cancelled'; ref: string } | null;

/**
 * `docker pull`: an image reference (tag or digest) and an optional platform,
 * with each layer's progress; the pulled image shows in the Images list by
 * itself (the list follows the engine's events). `initialRef` pre-fills the
 * field (the Registries page opens it on a tag).
 */
export function PullImageDialog(props: {
  initialRef?: string;
  onClose(): void;
  /** Opens the login for a registry that refused; without it, no "Log in" button. */
  onLogin?: ((registry: string) => void) | undefined;
}) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const [ref, setRef] = useState(props.initialRef ?? '');
  const [platform, setPlatform] = useState('');
  const [touched, setTouched] = useState(Boolean(props.initialRef));
  const [pulling, setPulling] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [failure, setFailure] = useState<{ error: ErrorEnvelope; ref: string } | null>(null);
  const pull = useLayeredStream('images.pull', pullFold);

  const wanted = ref.trim();
  const wantedPlatform = platform.trim();
  const refProblem = imageReferenceProblem(wanted);
  const platformError = wantedPlatform ? platformProblem(wantedPlatform) : null;
  const valid = !refProblem && !platformError;
  const query = { ref: wanted, ...(wantedPlatform ? { platform: wantedPlatform } : {}) };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!valid || pulling) return;
    setOutcome(null);
    setFailure(null);
    setPulling(wanted);
    try {
      const { end } = await pull.start([query]);
      setOutcome({ kind: end === 'done' ? 'pulled' : 'cancelled', ref: wanted });
    } catch (err) {
      setFailure({ error: envelopeOf(err), ref: wanted });
    } finally {
      setPulling(null);
    }
  };

  return (
    <dialog
      ref={modal}
      aria-labelledby="pull-image-title"
      className="dialog share-dialog"
      onCancel={props.onClose}
    >
      <h2 id="pull-image-title">Pull image</h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <Field
          label="Image"
          term="image"
          errors={touched && refProblem ? [refProblem] : undefined}
          hint="A name with a tag or a digest: nginx:1.27, localhost:5000/team/app@sha256:…"
        >
          {(control) => (
            <input
              {...control}
              autoFocus
              value={ref}
              spellCheck={false}
              onChange={(e) => setRef(e.target.value)}
              onBlur={() => setTouched(true)}
            />
          )}
        </Field>
        <Field
          label="Platform"
          errors={platformError ? [platformError] : undefined}
          hint="Optional: os/arch, like linux/arm64, for an image built for several. Empty: the engine's own."
        >
          {(control) => (
            <input
              {...control}
              value={platform}
              spellCheck={false}
              placeholder="optional"
              onChange={(e) => setPlatform(e.target.value)}
            />
          )}
        </Field>
        <ShowCommand
          command={(shell) => (valid ? pullCommandLine(query, shell, cliTarget) : null)}
        />
        <div className="share-status">
          {pulling && pull.progress && (
            <LayeredProgress label={`Pulling ${pulling}`} {...pull.progress} />
          )}
          {outcome?.kind === 'pulled' && (
            <p role="status" aria-label={`Pulled ${outcome.ref}`}>
              Pulled {outcome.ref}: it is in the Images list.
            </p>
          )}
          {outcome?.kind === 'cancelled' && (
            <p role="status" aria-label={`Pull of ${outcome.ref} cancelled`}>
              The pull of {outcome.ref} was cancelled. The engine keeps no part of an image it did
              not finish pulling.
            </p>
          )}
          {failure && (
            <RegistryErrorAlert
              error={failure.error}
              image={failure.ref}
              verb="pull"
              onLogin={props.onLogin}
            />
          )}
        </div>
        <div className="dialog-buttons">
          {pulling ? (
            <button type="button" onClick={pull.cancel}>
              Cancel pull
            </button>
          ) : (
            <button type="button" onClick={props.onClose}>
              Close
            </button>
          )}
          <button type="submit" className="primary" disabled={Boolean(pulling)}>
            Pull
          </button>
        </div>
      </form>
    </dialog>
  );
}
