// How far a transfer has gone, the same in both faces: Node counts the bytes
// of each taken ticket as they move (electron/services/transfers/), and the
// page reads them here, by the ticket's id.
import { z } from 'zod';
import type { ErrorEnvelope } from './errors.ts';
import { transferTicketId } from './transfers-channels.ts';

export interface TransferProgress {
  /** Bytes of the file moved so far. */
  bytes: number;
  /** The file's size when known: an upload's length, or a save's estimate (see `estimated`). */
  total?: number;
  /** `total` is a guess (the images' sizes added up): the file may end a little short or past it. */
  estimated?: true;
  /** `waiting` until a face takes the ticket; `done` and `failed` are the last line. */
  state: 'waiting' | 'moving' | 'done' | 'failed';
  /** Why it failed; kind `cancelled` when the user closed the dialog or the browser stopped. */
  error?: ErrorEnvelope;
}

export interface TransferProgressStreams {
  /**
   * One TransferProgress per line (newline-delimited JSON), the first at once,
   * then at most about every 200 ms while it changes; ends after `done` or
   * `failed`. A ticket never issued fails with `not-found`.
   */
  'transfers.progress': { args: [query: { id: string }] };
}

export const transferProgressStreamArgs: {
  [K in keyof TransferProgressStreams]: z.ZodType<TransferProgressStreams[K]['args']>;
} = {
  'transfers.progress': z.tuple([z.strictObject({ id: transferTicketId })]),
};
