import { useState } from 'react';
import { startUpload } from '../../client/transfers.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCall } from '../../use-call.ts';

/**
 * `docker load`: a tar from `docker save`, picked in the browser's chooser or
 * the desktop's open dialog, streamed to the engine; then the names it loaded
 * (they appear in the list by themselves).
 */
export function LoadImageButton() {
  const { busy, failure, run } = useCall();
  const [loaded, setLoaded] = useState<string[] | null>(null);
  const load = () =>
    void run(async () => {
      setLoaded(null);
      const result = await startUpload({ kind: 'images.load', args: {} });
      if (result) setLoaded(result.loaded);
    });
  return (
    <>
      <button type="button" disabled={busy} onClick={load}>
        Load image
      </button>
      {busy && (
        <span role="progressbar" aria-label="Loading image" className="muted">
          Loading…
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
