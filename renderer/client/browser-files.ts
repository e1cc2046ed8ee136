// The browser face's half of a transfer: the browser itself downloads
// `/transfers/<id>` (straight to disk, never held by the page), picks a file in
// its own chooser, and uploads it with a streamed `fetch` PUT.
import { TRANSFERS_PATH, UPLOAD_NAME_HEADER } from '../../electron/contract/browser-face.ts';
import { ContractError, isErrorEnvelope } from '../../electron/contract/errors.ts';
import type { TransferTicket, UploadReply } from '../../electron/contract/transfers-channels.ts';

export interface BrowserFiles {
  /** Starts the browser's own download, saved under the ticket's file name. */
  download(ticket: TransferTicket): void;
  /** The browser's file chooser: the file, or null when cancelled. Call it within a click. */
  pickFile(accept: string): Promise<Blob | null>;
  /** PUTs the file to the ticket's link: what the upload answered (`transfers.progress` tells the bytes). */
  upload(ticket: TransferTicket, file: Blob): Promise<unknown>;
}

export const browserFiles: BrowserFiles = {
  download(ticket) {
    const link = document.createElement('a');
    link.href = `${TRANSFERS_PATH}${ticket.id}`;
    link.download = ticket.fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  },

  pickFile(accept) {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.hidden = true;
      const done = (file: File | null) => {
        input.remove();
        resolve(file);
      };
      input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
      // Browsers from 2023 on say when the chooser is dismissed; older ones leave this pending.
      input.addEventListener('cancel', () => done(null), { once: true });
      // Safari opens the chooser only for an input that is in the document.
      document.body.append(input);
      input.click();
    });
  },

  async upload(ticket, file) {
    const headers: Record<string, string> =
      file instanceof File ? { [UPLOAD_NAME_HEADER]: encodeURIComponent(file.name) } : {};
    const res = await fetch(`${TRANSFERS_PATH}${ticket.id}`, {
      method: 'PUT',
      body: file,
      headers,
    });
    return uploadOutcome(res.status, await res.text());
  },
};

/** The route's JSON reply: the value, the envelope as a ContractError, or a plain complaint. */
export function uploadOutcome(status: number, text: string): unknown {
  let reply: Partial<UploadReply> | null = null;
  try {
    reply = JSON.parse(text) as Partial<UploadReply>;
  } catch {
    // Not the route's answer (a proxy's page, a cut connection): said below with the status.
  }
  if (reply?.ok === true && 'value' in reply) return reply.value;
  if (reply?.ok === false && isErrorEnvelope(reply.error)) throw new ContractError(reply.error);
  throw new ContractError({
    kind: 'internal',
    message: `The upload ended with an answer Berth does not understand (HTTP ${status}).`,
    hint: 'Try again; if it keeps failing, restart Berth.',
  });
}
