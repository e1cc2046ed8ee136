import { useState } from 'react';
import { startUpload } from '../../client/transfers.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCall } from '../../use-call.ts';
import { sizeText } from './image-list.ts';

/**
 * `docker load`: a tar from `docker save`, picked in the browser's chooser or
 * the desktop's open dialog, streamed to the engine; then the names it loaded
 * (they appear in the list by themselves).
 */
export function LoadImageButton() {
  const { busy, failure, run } = useCall();
  const [loaded, setLoaded] = useState<string[] | null>(null);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const load = () =>
    void run(async () => {
      setLoaded(null);
      setSent(null);
      const result = await startUpload({ kind: 'images.load', args: {} }, undefined, (s, total) =>
        setSent({ sent: s, total }),
      );
      if (result) setLoaded(result.loaded);
    });
  const uploading = sent && sent.sent < sent.total;
  return (
    <>
      <button type="button" disabled={busy} onClick={load}>
        Load image
      </button>
      {busy && sent && (
        // Sent bytes while the file goes up; then the engine unpacks it, for as long as it takes.
        <span
          role="progressbar"
          aria-label="Loading image"
          aria-valuemin={0}
          aria-valuemax={uploading ? sent.total : undefined}
          aria-valuenow={uploading ? sent.sent : undefined}
          className="muted"
        >
          {uploading
            ? `Sending ${sizeText(sent.sent)} of ${sizeText(sent.total)}…`
            : 'The engine is loading it…'}
        </span>
      )}
      {loaded && (
        <span role="status" aria-label="Loaded images" className="muted">
          {loaded.length ? `Loaded ${loaded.join(', ')}` : 'The archive held no image.'}
        </span>
      )}
      {failure && <ErrorAlert message={failure} />}
    </>
  );
}
