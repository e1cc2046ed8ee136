// `/transfers/<id>`: one file, once, streamed end to end. A download pipes the
// engine's (or the log file's) stream into the response, so a slow browser
// pauses the source; an upload hands the request itself to the consumer. The
// id is the credential (single use, a minute): no session is needed, but the
// Host and Origin checks ran before this.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { UPLOAD_NAME_HEADER } from '../contract/browser-face.ts';
import type { ErrorEnvelope } from '../contract/errors.ts';
import type { UploadReply } from '../contract/transfers-channels.ts';
import { toErrorEnvelope } from '../services/engine-errors.ts';
import type { UploadedFile } from '../services/transfers/transfer-kinds.ts';
import { ticketRefusal, type Transfers } from '../services/transfers/transfers.ts';
import { printable } from './access.ts';

export async function serveTransfer(
  transfers: Transfers,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  const direction = req.method === 'GET' ? 'download' : req.method === 'PUT' ? 'upload' : null;
  if (!direction) {
    res.writeHead(405, { Allow: 'GET, PUT' }).end('Method not allowed');
    return;
  }
  const taken = transfers.take(id, direction);
  if (!taken.ok) {
    const status = { unknown: 404, gone: 410, 'wrong-direction': 405 }[taken.reason];
    replyJson(res, status, { ok: false, error: ticketRefusal(taken.reason) });
    return;
  }
  const { transfer } = taken;
  if (transfer.direction === 'upload') {
    try {
      replyJson(res, 200, { ok: true, value: await transfer.consume(req, uploadedFile(req)) });
    } catch (err) {
      const error = toErrorEnvelope(err, `Couldn't finish the upload (${transfer.ticket.kind})`);
      replyJson(res, statusOf(error), { ok: false, error });
    }
    return;
  }
  let source;
  try {
    source = await transfer.open();
  } catch (err) {
    const error = toErrorEnvelope(err, `Couldn't start the download (${transfer.ticket.kind})`);
    replyJson(res, statusOf(error), { ok: false, error });
    return;
  }
  res.writeHead(200, {
    'Content-Type': transfer.ticket.contentType,
    'Content-Disposition': attachment(transfer.ticket.fileName),
  });
  try {
    await pipeline(source, res);
  } catch (err) {
    // Past the headers the only way to say "failed" is to cut the response short.
    console.warn(
      `[web] download ${transfer.ticket.kind} ended early: ${printable((err as Error).message)}`,
    );
  }
}

/** The browser's `fetch` sends a Blob's length; the page names the file in its own header. */
function uploadedFile(req: IncomingMessage): UploadedFile {
  const length = Number(req.headers['content-length']);
  const header = req.headers[UPLOAD_NAME_HEADER];
  let name: string | null = null;
  try {
    name = typeof header === 'string' && header ? decodeURIComponent(header) : null;
  } catch {
    // A malformed name is as good as none: the upload then says it needs one.
  }
  return { name, size: Number.isSafeInteger(length) && length >= 0 ? length : null };
}

function replyJson(res: ServerResponse, status: number, body: UploadReply): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function statusOf(error: ErrorEnvelope): number {
  switch (error.kind) {
    case 'bad-request':
      return 400;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'unreachable':
      return 503;
    case 'timeout':
      return 504;
    case 'engine':
      return 502;
    default:
      return 500;
  }
}

/** A name the browser saves under; the ASCII fallback drops what a quoted string cannot hold. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
