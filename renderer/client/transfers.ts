// Files that travel outside the frames, in whichever face this page runs: the
// page asks for a single-use ticket over the contract (`transfers.open`), then
// the browser downloads or uploads `/transfers/<id>` itself, or the desktop's
// main process saves to or loads from a file picked in the system dialog.
import { ContractError } from '../../electron/contract/errors.ts';
import type { IpcReply, PreloadApi } from '../../electron/contract/preload-api.ts';
import {
  transferKinds,
  type TransferKind,
  type TransferKinds,
  type TransferRequest,
  type TransferTicket,
} from '../../electron/contract/transfers-channels.ts';
import { browserFiles, type BrowserFiles } from './browser-files.ts';
import { desktopApi, getClient } from './contract-client.ts';

type UploadKind = {
  [K in TransferKind]: TransferKinds[K]['direction'] extends 'upload' ? K : never;
}[TransferKind];

/** A request for an upload (`images.load`...). */
type UploadRequest = Extract<TransferRequest, { kind: UploadKind }>;

/** What an upload of kind K answers (`{ loaded }` for `images.load`). */
type UploadResult<K extends UploadKind> = TransferKinds[K] extends { result: infer R } ? R : never;

/** What a transfer needs from the face it runs in. */
export interface TransferFace {
  /** `transfers.open` over the contract. */
  open(request: TransferRequest): Promise<TransferTicket>;
  /** The preload's API in the desktop window; undefined in a browser. */
  desktop:
    | Pick<PreloadApi, 'saveTransferToFile' | 'uploadTransferFromFile' | 'uploadDroppedFile'>
    | undefined;
  browser: BrowserFiles;
}

function currentFace(): TransferFace {
  return {
    open: (request) => getClient().call('transfers.open', request),
    desktop: desktopApi(),
    browser: browserFiles,
  };
}

/** Called with a transfer's ticket as soon as it is issued: `transfers.progress` follows it. */
export type OnTicket = (ticket: TransferTicket) => void;

/**
 * Downloads one transfer: the browser's own download (this returns once it
 * started), or the desktop's save dialog (this returns once saved).
 */
export async function startDownload(
  request: TransferRequest,
  face: TransferFace = currentFace(),
  onTicket?: OnTicket,
): Promise<void> {
  const ticket = await face.open(request);
  onTicket?.(ticket);
  if (face.desktop) unwrap(await face.desktop.saveTransferToFile(ticket.id));
  else face.browser.download(ticket);
}

/**
 * Uploads a file the user picks (the browser's chooser, or the desktop's open
 * dialog) for one transfer: what the upload answered, or null when cancelled.
 * Call it within a click: a browser opens its chooser only then.
 */
export async function startUpload<R extends UploadRequest>(
  request: R,
  face: TransferFace = currentFace(),
  onTicket?: OnTicket,
): Promise<UploadResult<R['kind']> | null> {
  if (face.desktop) {
    // The main process takes the ticket before its dialog, so the choice may take its time.
    const ticket = await face.open(request);
    onTicket?.(ticket);
    const outcome = unwrap(await face.desktop.uploadTransferFromFile(ticket.id));
    return outcome && (outcome.result as UploadResult<R['kind']>);
  }
  // The file first: the chooser needs the click's user activation (gone after
  // a round trip), and a slow choice would outlive a minute-long ticket.
  const file = await face.browser.pickFile(acceptFor(request));
  if (!file) return null;
  const ticket = await face.open(request);
  onTicket?.(ticket);
  return (await face.browser.upload(ticket, file)) as UploadResult<R['kind']>;
}

/**
 * Uploads a file dropped on the page, on the same route as a picked one: the
 * desktop's main process reads it from its path on disk (the preload asks
 * Electron for it), the browser PUTs the File itself.
 */
export async function uploadDroppedFile<R extends UploadRequest>(
  request: R,
  file: File,
  face: TransferFace = currentFace(),
): Promise<UploadResult<R['kind']>> {
  const ticket = await face.open(request);
  if (face.desktop) {
    const outcome = unwrap(await face.desktop.uploadDroppedFile(ticket.id, file));
    // Only a dialog can be cancelled; a drop that answers nothing did not happen.
    if (!outcome)
      throw new ContractError({ kind: 'internal', message: `Couldn't upload ${file.name}.` });
    return outcome.result as UploadResult<R['kind']>;
  }
  return (await face.browser.upload(ticket, file)) as UploadResult<R['kind']>;
}

/** The chooser's filter: the usual file's extension and the kind's content type. */
export function acceptFor(request: UploadRequest): string {
  const spec = transferKinds[request.kind];
  const extension = /\.[^./]+$/.exec(spec.fileName(request.args as never))?.[0];
  return [extension, spec.contentType].filter(Boolean).join(',');
}

function unwrap<T>(reply: IpcReply<T>): T {
  if (!reply.ok) throw new ContractError(reply.error);
  return reply.value;
}
