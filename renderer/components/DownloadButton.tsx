import type { TransferRequest } from '../../electron/contract/transfers-channels.ts';
import { startDownload } from '../client/transfers.ts';
import { useCall } from '../use-call.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** A button that downloads one transfer; a refusal (no such container, no log) shows beside it. */
export function DownloadButton(props: { request: TransferRequest; label: string }) {
  const { busy, failure, run } = useCall();
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() => void run(() => startDownload(props.request))}
      >
        {props.label}
      </button>
      {failure && <ErrorAlert message={failure} />}
    </>
  );
}
