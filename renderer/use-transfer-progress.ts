// How far a transfer has gone, for a button that started one: `follow` is
// given the ticket as soon as it is issued (startDownload/startUpload's
// onTicket) and opens `transfers.progress` for it, the same in both faces.
import { useCallback, useState } from 'react';
import type { TransferProgress } from '../electron/contract/transfer-progress-channels.ts';
import type { TransferTicket } from '../electron/contract/transfers-channels.ts';
import { useStreamFeed } from './use-stream.ts';

export function useTransferProgress() {
  const feed = useStreamFeed('transfers.progress');
  const [progress, setProgress] = useState<TransferProgress | null>(null);

  const follow = useCallback(
    (ticket: Pick<TransferTicket, 'id'>) => {
      feed.open([{ id: ticket.id }], {
        onOpen: () => setProgress({ bytes: 0, state: 'waiting' }),
        // Each line is the whole state: the last one is all that counts.
        onLines: (lines) => setProgress(JSON.parse(lines.at(-1)!) as TransferProgress),
        // Ended without its last line (the connection went): say so rather than spin.
        onEnd: (error) => {
          if (error) setProgress((p) => ({ bytes: p?.bytes ?? 0, state: 'failed', error }));
        },
      });
    },
    [feed],
  );

  const clear = useCallback(() => {
    feed.close();
    setProgress(null);
  }, [feed]);

  return { progress, follow, clear };
}

/** Still going: the bar shows. */
export function isMoving(p: TransferProgress | null): p is TransferProgress {
  return p !== null && (p.state === 'waiting' || p.state === 'moving');
}

/** Ended by the user before anything moved (a dialog closed): nothing to tell. */
export function isQuietCancel(p: TransferProgress | null): boolean {
  return p?.state === 'failed' && p.error?.kind === 'cancelled' && p.bytes === 0;
}

/** A percent to show, if the total is known; an estimate never reads 100 before the end. */
export function percentOf(p: TransferProgress): number | null {
  if (p.total === undefined || p.total === 0) return null;
  const percent = Math.floor((p.bytes / p.total) * 100);
  return Math.min(percent, p.state === 'done' ? 100 : 99);
}
