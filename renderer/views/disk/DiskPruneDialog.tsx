// `docker container prune`, `docker volume prune [-a]`, `docker builder prune
// [-a]`: what it would remove and free, by the engine's rules, then the prune,
// then what the engine says it removed and freed.
import { useEffect, useState } from 'react';
import {
  cliSize,
  pruneCommandLine,
  type DiskPrunePreview,
  type DiskPruneResult,
  type PruneKind,
} from '../../../electron/contract/disk-channels.ts';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useCall } from '../../use-call.ts';
import { useModal } from '../../use-modal.ts';
import { PRUNE_NOUN, PRUNE_TITLE } from './disk-labels.ts';

const counted = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;

const ALL_CHOICE: Record<PruneKind, [string, string] | null> = {
  containers: null,
  volumes: ['Anonymous volumes only', 'All unused volumes, named too'],
  buildCache: ['Unused cache, not internal or shared', 'All unused cache'],
};

export function DiskPruneDialog(props: { kind: PruneKind; onClose(): void }) {
  const ref = useModal();
  const cliTarget = useCliTarget();
  const [all, setAll] = useState(false);
  const [preview, setPreview] = useState<DiskPrunePreview | null>(null);
  const [result, setResult] = useState<DiskPruneResult | null>(null);
  const [lookFailure, setLookFailure] = useState<string | null>(null);
  /** Bumped after a prune, to look again. */
  const [generation, setGeneration] = useState(0);
  const pruning = useCall();
  const noun = PRUNE_NOUN[props.kind];
  const title = PRUNE_TITLE[props.kind];

  useEffect(() => {
    let live = true;
    getClient()
      .call('disk.prunePreview', { kind: props.kind, all })
      .then(
        (found) => live && (setPreview(found), setLookFailure(null)),
        (err: unknown) => live && setLookFailure(describeFailure(err)),
      );
    return () => {
      live = false;
    };
  }, [props.kind, all, generation]);

  const choose = (next: boolean) => {
    setPreview(null);
    setAll(next);
  };
  const prune = () =>
    void pruning.run(async () => {
      setResult(await getClient().call('disk.prune', { kind: props.kind, all }));
      setPreview(null);
      setGeneration((g) => g + 1);
    });
  const count = preview?.items.length ?? 0;
  const choice = ALL_CHOICE[props.kind];
  const query = { kind: props.kind, all: preview?.all ?? all };

  return (
    <dialog
      ref={ref}
      aria-labelledby="disk-prune-title"
      className="dialog disk-prune"
      onCancel={props.onClose}
    >
      <h2 id="disk-prune-title">{title}</h2>
      {choice && preview?.allSupported !== false && (
        <fieldset>
          <legend>What to remove</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="disk-prune-what"
              checked={!all}
              onChange={() => choose(false)}
            />
            {choice[0]}
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="disk-prune-what"
              checked={all}
              onChange={() => choose(true)}
            />
            {choice[1]}
          </label>
        </fieldset>
      )}
      {preview && <p className="muted">{preview.rule}</p>}
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
              ? `Nothing to remove: no ${noun[1]} match.`
              : `Would remove ${counted(count, noun)} and free ${cliSize(preview.bytes)}.`}
            {preview.kept > 0 &&
              ` ${counted(preview.kept, noun)} ${preview.kept === 1 ? 'stays' : 'stay'}.`}
          </p>
          {count > 0 && (
            <ul
              aria-label={`${noun[1][0]!.toUpperCase()}${noun[1].slice(1)} to prune`}
              className="remove-list"
            >
              {preview.items.map((item) => (
                <li key={item.id}>
                  {item.name}{' '}
                  {item.size >= 0 && <span className="muted">{cliSize(item.size)}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result && (
        <div role="status" aria-label="Pruned">
          <p>
            {result.removed.length === 0
              ? `Nothing was removed; the engine freed ${cliSize(result.bytesFreed)}.`
              : `Removed ${counted(result.removed.length, noun)}; the engine freed ${cliSize(result.bytesFreed)}.`}
          </p>
          {result.removed.length > 0 && (
            <ul aria-label={`Pruned ${noun[1]}`} className="remove-list">
              {result.removed.map((item) => (
                <li key={item.id}>{item.name}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {pruning.failure && <ErrorAlert message={pruning.failure} />}
      <ShowCommand command={(shell) => pruneCommandLine(query, shell, cliTarget)} />
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
