// The transfers a page asked for: `open` (the `transfers.open` call) checks the
// request and issues a ticket; a face then `take`s the ticket once, to stream
// the file through its own channel (an HTTP route, or a file on the desktop).
import type { Readable } from 'node:stream';
import type { ErrorEnvelope } from '../../contract/errors.ts';
import {
  transferKinds,
  type TransferDirection,
  type TransferRequest,
  type TransferTicket,
} from '../../contract/transfers-channels.ts';
import { TicketBook } from './ticket-book.ts';
import type {
  DownloadHandler,
  TransferHandlers,
  UploadedFile,
  UploadHandler,
} from './transfer-kinds.ts';

type PendingTransfer = { ticket: TransferTicket } & (
  | { direction: 'download'; open(): Promise<Readable> }
  | { direction: 'upload'; consume(body: Readable, file: UploadedFile): Promise<unknown> }
);

type TakeResult =
  | { ok: true; transfer: PendingTransfer }
  /** `wrong-direction` leaves the ticket usable: a PUT to a download link uses nothing up. */
  | { ok: false; reason: 'unknown' | 'gone' | 'wrong-direction' };

export class Transfers {
  readonly #handlers: TransferHandlers;
  readonly #book: TicketBook<TransferTicket & { request: TransferRequest }>;

  constructor(handlers: TransferHandlers, opts: { now?: () => number; ttlMs?: number } = {}) {
    this.#handlers = handlers;
    this.#book = new TicketBook(opts);
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
    return {
      ok: true,
      transfer:
        handler.direction === 'download'
          ? { ticket, direction: 'download', open: () => handler.open(args) }
          : {
              ticket,
              direction: 'upload',
              consume: (body, file) => handler.consume(args, body, file),
            },
    };
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
