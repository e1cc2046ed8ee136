// The transfers a page asked for: `open` (the `transfers.open` call) checks the
// request and issues a ticket; a face then `take`s the ticket once, to stream
// the file through its own channel (an HTTP route, or a file on the desktop).
import type { Readable } from 'node:stream';
import { ContractError, type ErrorEnvelope } from '../../contract/errors.ts';
import {
  transferKinds,
  type TransferDirection,
  type TransferRequest,
  type TransferTicket,
} from '../../contract/transfers-channels.ts';
import type { Clock } from '../../engine/clock.ts';
import { countDownload, countUpload, ProgressBoard } from './progress-board.ts';
import { TicketBook } from './ticket-book.ts';
import type {
  DownloadHandler,
  TransferHandlers,
  UploadedFile,
  UploadHandler,
} from './transfer-kinds.ts';

type PendingTransfer = {
  ticket: TransferTicket;
  /** The face gave up before anything moved (its dialog was closed): the progress says so. */
  cancel(): void;
  /** The face failed before the handler ran (a file it could not open). */
  fail(err: unknown): void;
} & (
  | { direction: 'download'; open(): Promise<Readable> }
  | { direction: 'upload'; consume(body: Readable, file: UploadedFile): Promise<unknown> }
);

type TakeResult =
  | { ok: true; transfer: PendingTransfer }
  /** `wrong-direction` leaves the ticket usable: a PUT to a download link uses nothing up. */
  | { ok: false; reason: 'unknown' | 'gone' | 'wrong-direction' };

export class Transfers {
  readonly #handlers: TransferHandlers;
  readonly #advise: (err: unknown) => unknown;
  readonly #book: TicketBook<TransferTicket & { request: TransferRequest }>;
  /** Every transfer's bytes, for `transfers.progress`. */
  readonly progress: ProgressBoard;

  constructor(
    handlers: TransferHandlers,
    opts: {
      now?: () => number;
      ttlMs?: number;
      clock?: Clock;
      /** Adds advice to what a transfer failed with (a full VM disk's hint). */
      adviseError?: (err: unknown) => unknown;
    } = {},
  ) {
    this.#handlers = handlers;
    this.#advise = opts.adviseError ?? ((err) => err);
    const now = opts.now ?? (opts.clock && (() => opts.clock!.now()));
    this.#book = new TicketBook({ ...opts, ...(now ? { now } : {}) });
    this.progress = new ProgressBoard(opts.clock);
  }

  async open(request: TransferRequest): Promise<TransferTicket> {
    await this.#handler(request).check?.(request.args as never);
    const spec = transferKinds[request.kind];
    const info = {
      kind: request.kind,
      direction: spec.direction,
      fileName: spec.fileName(request.args as never),
      contentType: spec.contentType,
    };
    const { value } = this.#book.issue((id, expiresAt) => ({ id, ...info, expiresAt, request }));
    const { request: _request, ...ticket } = value;
    this.progress.issue(ticket.id, ticket.expiresAt, request.estimatedBytes);
    return ticket;
  }

  take(id: string, direction: TransferDirection): TakeResult {
    const found = this.#book.peek(id);
    if (!found.ok) return found;
    if (found.value.direction !== direction) return { ok: false, reason: 'wrong-direction' };
    this.#book.take(id);
    const { request, ...ticket } = found.value;
    const handler = this.#handler(request);
    const args = request.args as never;
    const meter = this.progress.meter(id);
    const advise = this.#advise;
    const cancel = () =>
      meter.fail(new ContractError({ kind: 'cancelled', message: 'No file was chosen.' }));
    return {
      ok: true,
      transfer:
        handler.direction === 'download'
          ? {
              ticket,
              cancel,
              fail: meter.fail,
              direction: 'download',
              open: async () => countDownload(await reported(handler.open(args)), meter),
            }
          : {
              ticket,
              cancel,
              fail: meter.fail,
              direction: 'upload',
              consume: (body, file) => {
                meter.start(file.size);
                const result = reported(handler.consume(args, countUpload(body, meter), file));
                void result.then(
                  () => meter.done(),
                  () => {},
                );
                return result;
              },
            },
    };

    /** The outcome, with a failure told to the progress too. */
    async function reported<T>(outcome: Promise<T>): Promise<T> {
      try {
        return await outcome;
      } catch (err) {
        const advised = advise(err);
        meter.fail(advised);
        throw advised;
      }
    }
  }

  // TypeScript cannot follow a handler's type from a request's kind (a correlated union).
  #handler(request: TransferRequest): DownloadHandler<unknown> | UploadHandler<unknown, unknown> {
    return this.#handlers[request.kind] as
      DownloadHandler<unknown> | UploadHandler<unknown, unknown>;
  }
}

/** What a refused ticket means, for a face to say. */
export function ticketRefusal(reason: 'unknown' | 'gone' | 'wrong-direction'): ErrorEnvelope {
  switch (reason) {
    case 'unknown':
      return { kind: 'not-found', message: 'This transfer link is not known.' };
    case 'gone':
      return {
        kind: 'not-found',
        message: 'This transfer link was already used or has expired (links last a minute).',
        hint: 'Start the download or upload again.',
      };
    case 'wrong-direction':
      return { kind: 'bad-request', message: 'This transfer link goes the other way.' };
  }
}
