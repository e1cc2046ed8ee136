import { useState } from 'react';
import { startDownload, startUpload } from '../../client/transfers.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TransferProgressBar } from '../../components/TransferProgressBar.tsx';
import { useCall } from '../../use-call.ts';
import { isMoving, isQuietCancel, useTransferProgress } from '../../use-transfer-progress.ts';
import { sizeText } from '../images/image-list.ts';

/**
 * Export (the whole volume as a tar of its root, downloaded or saved where the
 * desktop's dialog says) and Import (a tar unpacked into it, merging: files in
 * the tar replace those at the same paths, the others stay), each streamed
 * with its bytes counted (`transfers.progress`). Used on the volume's page and
 * on each row of the Volumes grid; `onImported` lets the page read its tree again.
 */
export function VolumeArchiveButtons(props: {
  name: string;
  onImported?: () => void;
  /** -1 inside a grid row, whose arrow keys move between rows (grid-keys.ts). */
  tabIndex?: number;
}) {
  const { name } = props;
  const { busy, failure, run } = useCall();
  const { progress, follow, clear } = useTransferProgress();
  const [doing, setDoing] = useState<'export' | 'import' | null>(null);
  const [imported, setImported] = useState(false);
  const start = (what: 'export' | 'import') =>
    void run(async () => {
      clear();
      setImported(false);
      setDoing(what);
      if (what === 'export') {
        await startDownload({ kind: 'volumes.export', args: { name } }, undefined, follow);
        return;
      }
      const done = await startUpload({ kind: 'volumes.import', args: { name } }, undefined, follow);
      if (done) {
        setImported(true);
        props.onImported?.();
      }
    });
  // An upload's answer carries the engine's words; the progress's error only when there is none.
  const failed =
    !failure && progress?.state === 'failed' && !isQuietCancel(progress) ? progress.error : null;
  const moving = isMoving(progress);
  return (
    <span className="volume-archive">
      <button
        type="button"
        disabled={busy || moving}
        tabIndex={props.tabIndex}
        title={`Download the whole volume ${name} as a tar`}
        onClick={() => start('export')}
      >
        Export
      </button>
      <button
        type="button"
        disabled={busy || moving}
        tabIndex={props.tabIndex}
        title={`Unpack a tar into ${name}: its files replace those at the same paths, the others stay`}
        onClick={() => start('import')}
      >
        Import
      </button>
      {moving && (busy || doing === 'export') && (
        <TransferProgressBar
          label={doing === 'export' ? `Exporting ${name}` : `Importing into ${name}`}
          progress={progress}
          waiting={
            doing === 'export' ? 'Waiting for the download to start…' : 'Starting the upload…'
          }
          atEnd="The engine is unpacking it…"
        />
      )}
      {doing === 'export' && progress?.state === 'done' && (
        <span role="status" aria-label={`Exported ${name}`} className="muted">
          Exported {name} ({sizeText(progress.bytes)})
        </span>
      )}
      {imported && (
        <span role="status" aria-label={`Imported into ${name}`} className="muted">
          Imported into {name}
          {progress?.state === 'done' && ` (${sizeText(progress.bytes)})`}: merged, files already
          there and not in the tar were kept.
        </span>
      )}
      {failure && <ErrorAlert message={failure} />}
      {failed && <EngineErrorAlert error={failed} />}
    </span>
  );
}
