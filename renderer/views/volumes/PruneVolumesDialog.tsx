import { useEffect, useState } from 'react';
import type {
  VolumePrunePreview,
  VolumePruneResult,
} from '../../../electron/contract/volume-actions-channels.ts';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { dockerCommandLine } from '../../../electron/contract/run-spec/run-command.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useCall } from '../../use-call.ts';
import { useModal } from '../../use-modal.ts';
import { sizeText } from '../images/image-list.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `docker volume prune -f`: first what it would remove, asked of the engine by
 * its own rule (dockerd 20.10: every unused volume of the local driver, named
 * or not, made without driver options; API 1.42+: anonymous ones only), then the prune, then what the engine says it freed.
 */
export function PruneVolumesDialog(props: { onClose(): void }) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const [preview, setPreview] = useState<VolumePrunePreview | null>(null);
  const [result, setResult] = useState<VolumePruneResult | null>(null);
  const [lookFailure, setLookFailure] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const pruning = useCall();

  useEffect(() => {
    let live = true;
    getClient()
      .call('volumes.prunePreview')
      .then(
        (found) => live && (setPreview(found), setLookFailure(null)),
        (err: unknown) => live && setLookFailure(describeFailure(err)),
      );
    return () => {
      live = false;
    };
  }, [generation]);

  const prune = () =>
    void pruning.run(async () => {
      setResult(await getClient().call('volumes.prune'));
      setPreview(null);
      setGeneration((g) => g + 1);
    });
  const count = preview?.volumes.length ?? 0;

  return (
    <dialog
      ref={modal}
      aria-labelledby="prune-volumes-title"
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id="prune-volumes-title">Prune volumes</h2>
      <p className="muted">
        Every volume no container mounts, running or stopped,{' '}
        {preview?.anonymousOnly ? 'that the engine named itself (anonymous)' : 'named or not'}, and
        its files. Volumes of other drivers, and those made with driver options (-o), stay.
      </p>
      {lookFailure && <ErrorAlert message={lookFailure} />}
      {!preview && !lookFailure && (
        <p role="status" aria-label="Prune preview" className="muted">
          Working out what would go…
        </p>
      )}
      {preview && (
        <div>
          <p role="status" aria-label="Prune preview">
            {count === 0
              ? 'Nothing to remove.'
              : `Would remove ${plural(count, 'volume')} and free ${sizeText(preview.bytes)}.`}
            {preview.keptInUse > 0 && ` ${preview.keptInUse} kept: containers use them.`}
            {preview.keptOtherDriver > 0 &&
              ` ${preview.keptOtherDriver} unused kept: another driver's.`}
            {preview.keptWithOptions > 0 &&
              ` ${preview.keptWithOptions} unused kept: made with driver options.`}
          </p>
          {count > 0 && (
            <ul aria-label="Volumes to prune" className="remove-list">
              {preview.volumes.map((v) => (
                <li key={v.name}>
                  {v.name} <span className="muted">{v.size === null ? '' : sizeText(v.size)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result && (
        <p role="status" aria-label="Pruned">
          Removed {plural(result.deleted.length, 'volume')}; the engine freed{' '}
          {sizeText(result.bytesFreed)}.
        </p>
      )}
      {pruning.failure && <ErrorAlert message={pruning.failure} />}
      <ShowCommand
        command={(shell) => dockerCommandLine(['volume', 'prune', '-f'], shell, cliTarget)}
      />
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
        <button
          type="button"
          className="danger"
          disabled={pruning.busy || !preview || count === 0}
          onClick={prune}
        >
          Prune now
        </button>
      </div>
    </dialog>
  );
}
