// Files through the browser face: the page asks for a single-use ticket over
// the contract, then the browser itself fetches `/transfers/<id>`, so the file
// streams straight to disk and is never held by the page.
import { TRANSFERS_PATH } from '../../electron/contract/browser-face.ts';
import { ContractError } from '../../electron/contract/errors.ts';
import type { TransferRequest } from '../../electron/contract/transfers-channels.ts';
import { desktopApi, getClient } from './contract-client.ts';

/** Starts the browser's own download of one transfer (saved under its suggested name). */
export async function startDownload(request: TransferRequest): Promise<void> {
  if (desktopApi()) {
    // The desktop face saves through the system dialog (saveTransferToFile), not wired to its preload yet.
    throw new ContractError({
      kind: 'internal',
      message: 'Saving files from the desktop window is not available yet.',
      hint: 'Use the browser face (npm run web) for downloads for now.',
    });
  }
  const ticket = await getClient().call('transfers.open', request);
  const link = document.createElement('a');
  link.href = `${TRANSFERS_PATH}${ticket.id}`;
  link.download = ticket.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
