// The desktop face's upload: no PUT, the file comes from where the user says.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../contract/errors.ts';
import { fileError } from './file-errors.ts';
import { ticketRefusal, type Transfers } from './transfers.ts';

/**
 * Takes an upload ticket, asks which file to send (`pickPath` gets the usual
 * file name: the shell shows Electron's open dialog), then streams that file
 * into the ticket's consumer with back-pressure: a slow engine slows the
 * reading, and the file is never held whole. Resolves with the consumer's
 * result, or null when the user cancelled.
 */
export async function loadTransferFromFile(
  transfers: Transfers,
  ticketId: string,
  pickPath: (usualName: string) => Promise<string | null>,
): Promise<{ result: unknown } | null> {
  const taken = transfers.take(ticketId, 'upload');
  if (!taken.ok) throw new ContractError(ticketRefusal(taken.reason));
  const { transfer } = taken;
  if (transfer.direction !== 'upload') throw new ContractError(ticketRefusal('wrong-direction'));
  // The ticket is used before the dialog, so a slow choice cannot outlive it.
  const path = await pickPath(transfer.ticket.fileName);
  if (!path) {
    taken.transfer.cancel();
    return null;
  }
  const file = createReadStream(path);
  try {
    // A file that cannot be opened is said before the consumer (the engine) hears of it.
    await once(file, 'open');
  } catch (err) {
    const error = fileError('read', path, err);
    transfer.fail(error);
    throw error;
  }
  // The consumer gets the far end of a pipe: a file that fails halfway (a
  // folder, an unplugged disk) destroys the body, so the consumer stops too.
  const body = new PassThrough();
  // pipeline passes either end's failure to the other: the file is to blame only if it failed first.
  let failedFirst: 'file' | 'body' | undefined;
  let readFailure: unknown;
  file.once('error', (err) => {
    failedFirst ??= 'file';
    readFailure = err;
  });
  body.once('error', () => (failedFirst ??= 'body'));
  const size = (await stat(path).catch(() => null))?.size ?? null;
  const consumed = transfer.consume(body, { name: basename(path), size });
  const copied = pipeline(file, body);
  try {
    // The consumer's answer is the outcome; the copy counts only if it fails first.
    return { result: await Promise.race([consumed, copied.then(() => consumed)]) };
  } catch (err) {
    throw failedFirst === 'file' ? fileError('read', path, readFailure) : err;
  } finally {
    // A consumer that answered (or failed) early leaves nothing reading the file.
    file.destroy();
    body.destroy();
    copied.catch(() => {});
    consumed.catch(() => {});
  }
}
