// The desktop face's download: no URL, the file goes where the user says.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../contract/errors.ts';
import { fileError, isSystemError } from './file-errors.ts';
import { ticketRefusal, type Transfers } from './transfers.ts';

/**
 * Takes a download ticket, asks where to save it (`pickPath` gets the suggested
 * file name: the shell shows Electron's save dialog), then streams the file
 * there with back-pressure. Resolves with the path, or null when the user
 * cancelled; a failed copy leaves no partial file behind.
 */
export async function saveTransferToFile(
  transfers: Transfers,
  ticketId: string,
  pickPath: (suggestedName: string) => Promise<string | null>,
): Promise<string | null> {
  const taken = transfers.take(ticketId, 'download');
  if (!taken.ok) throw new ContractError(ticketRefusal(taken.reason));
  if (taken.transfer.direction !== 'download')
    throw new ContractError(ticketRefusal('wrong-direction'));
  // The ticket is used before the dialog, so a slow choice cannot outlive it.
  const path = await pickPath(taken.transfer.ticket.fileName);
  if (!path) {
    taken.transfer.cancel();
    return null;
  }
  const source = await taken.transfer.open();
  // Big writes: with the default 16 kB buffer each engine chunk waits for its own write
  // (a thread-pool round trip), which made a 300 MB save about a third slower (measured here).
  const file = createWriteStream(path, { highWaterMark: 1 << 20 });
  // pipeline passes a broken download on to the file too: only a system call
  // on the file failing first is the file's fault.
  let downloadFailed = false;
  source.once('error', () => (downloadFailed = true));
  try {
    await pipeline(source, file);
  } catch (err) {
    await rm(path, { force: true });
    throw !downloadFailed && isSystemError(err) ? fileError('write', path, err) : err;
  }
  return path;
}
