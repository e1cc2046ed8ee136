import { useState } from 'react';
import { startUpload } from '../../client/transfers.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TransferProgressBar } from '../../components/TransferProgressBar.tsx';
import { useCall } from '../../use-call.ts';
import { sizeText } from './image-list.ts';
import { isMoving, isQuietCancel, useTransferProgress } from '../../use-transfer-progress.ts';

/**
 * `docker load`: a tar from `docker save`, picked in the browser's chooser or
 * the desktop's open dialog, streamed to the engine, its bytes counted on the
 * way (`transfers.progress`, in both faces); then the names it loaded (they
 * appear in the list by themselves).
 */
export function LoadImageButton() {
  const { busy, failure, run } = useCall();
  const { progress, follow, clear } = useTransferProgress();
  const [loaded, setLoaded] = useState<string[] | null>(null);
  const load = () =>
    void run(async () => {
      setLoaded(null);
      clear();
      const result = await startUpload({ kind: 'images.load', args: {} }, undefined, follow);
      if (result) setLoaded(result.loaded);
    });
  // The upload's answer carries the engine's words; the progress's error only when there is none.
  const failed =
    !failure && progress?.state === 'failed' && !isQuietCancel(progress) ? progress.error : null;
  return (
    <>
      <button type="button" disabled={busy} onClick={load}>
        Load image
      </button>
      {busy && isMoving(progress) && (
        <TransferProgressBar
          label="Loading image"
          progress={progress}
          waiting="Starting the upload…"
          // Every byte read: the engine unpacks the last layers, for as long as it takes.
          atEnd="The engine is loading it…"
        />
      )}
      {loaded && (
        <span role="status" aria-label="Loaded images" className="muted">
          {loaded.length ? `Loaded ${loaded.join(', ')}` : 'The archive held no image.'}
          {progress?.state === 'done' && ` (${sizeText(progress.bytes)} read)`}
        </span>
      )}
      {failure && <ErrorAlert message={failure} />}
      {failed && <EngineErrorAlert error={failed} />}
    </>
  );
}
