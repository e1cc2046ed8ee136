import { useEffect, useState } from 'react';
import type {
  PrunePreview,
  PruneResult,
} from '../../../electron/contract/image-commit-channels.ts';
import { dockerCommandLine } from '../../../electron/contract/run-spec/run-command.ts';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useCall } from '../../use-call.ts';
import { useModal } from '../../use-modal.ts';
import { shortId, sizeText } from './image-list.ts';

/**
 * `docker image prune [-a]`: first what it would remove and free, worked out
 * from the engine's lists by the engine's rules, then the prune, then what the
 * engine says it freed. The build cache has its own line where the engine
 * keeps one.
 */
export function PruneDialog(props: { onClose(): void }) {
  const ref = useModal();
  const cliTarget = useCliTarget();
  const [all, setAll] = useState(false);
  const [preview, setPreview] = useState<PrunePreview | null>(null);
  const [result, setResult] = useState<PruneResult | null>(null);
  const [cacheFreed, setCacheFreed] = useState<number | null>(null);
  const [lookFailure, setLookFailure] = useState<string | null>(null);
  /** Bumped after a prune, to look again. */
  const [generation, setGeneration] = useState(0);
  const pruning = useCall();

  useEffect(() => {
    let live = true;
    getClient()
      .call('images.prunePreview', { all })
      .then(
        (found) => live && (setPreview(found), setLookFailure(null)),
        (err: unknown) => live && setLookFailure(describeFailure(err)),
      );
    return () => {
      live = false;
    };
  }, [all, generation]);

  const choose = (next: boolean) => {
    setPreview(null);
    setAll(next);
  };
  const prune = () =>
    void pruning.run(async () => {
      setResult(await getClient().call('images.prune', { all }));
      setPreview(null);
      setGeneration((g) => g + 1);
    });
  const pruneCache = () =>
    void pruning.run(async () => {
      setCacheFreed((await getClient().call('images.pruneBuildCache')).bytesFreed);
      setGeneration((g) => g + 1);
    });
  const count = preview?.images.length ?? 0;

  return (
    <dialog ref={ref} aria-labelledby="prune-title" className="dialog" onCancel={props.onClose}>
      <h2 id="prune-title">Prune images</h2>
      <fieldset>
        <legend>What to remove</legend>
        <label className="checkbox">
          <input type="radio" name="prune-what" checked={!all} onChange={() => choose(false)} />
          Dangling images only
        </label>
        <label className="checkbox">
          <input type="radio" name="prune-what" checked={all} onChange={() => choose(true)} />
          All unused images
        </label>
      </fieldset>
      <p className="muted">
        {all
          ? 'Every image no container uses, tagged or not.'
          : 'Images without a tag that no other image is built on.'}{' '}
        Images that containers use, running or stopped, stay.
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
              : `Would remove ${count} image${count === 1 ? '' : 's'} and free ${sizeText(preview.bytesFreed)}.`}
            {preview.keptInUse > 0 && ` ${preview.keptInUse} kept: containers use them.`}
          </p>
          {count > 0 && (
            <ul aria-label="Images to prune" className="remove-list">
              {preview.images.map((image) => (
                <li key={image.id}>
                  {image.repoTags.length ? image.repoTags.join(', ') : '<none>'}{' '}
                  <code>{shortId(image.id)}</code>{' '}
                  <span className="muted">{sizeText(image.size)}</span>
                </li>
              ))}
            </ul>
          )}
          <p>
            {preview.buildCache
              ? `Build cache: ${sizeText(preview.buildCache.bytes)} in ${preview.buildCache.entries} entries.`
              : 'The engine keeps no build cache (the classic builder keeps none).'}
            {preview.buildCache && (
              <button type="button" disabled={pruning.busy} onClick={pruneCache}>
                Prune build cache
              </button>
            )}
          </p>
        </div>
      )}
      {result && (
        <div role="status" aria-label="Pruned">
          <p>
            Removed {result.deleted.length} image{result.deleted.length === 1 ? '' : 's'}; the
            engine freed {sizeText(result.bytesFreed)}.
          </p>
          {result.deleted.length + result.untagged.length > 0 && (
            <ul aria-label="Pruned images" className="remove-list">
              {result.untagged.map((name) => (
                <li key={name}>untagged {name}</li>
              ))}
              {result.deleted.map((id) => (
                <li key={id}>
                  deleted <code>{shortId(id)}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {cacheFreed !== null && (
        <p role="status" aria-label="Build cache pruned">
          The engine freed {sizeText(cacheFreed)} of build cache.
        </p>
      )}
      {pruning.failure && <ErrorAlert message={pruning.failure} />}
      <ShowCommand
        command={(shell) =>
          dockerCommandLine(['image', 'prune', ...(all ? ['-a'] : []), '-f'], shell, cliTarget)
        }
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
