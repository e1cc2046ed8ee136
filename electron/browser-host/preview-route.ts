// `GET /preview/<port>?ticket=…`: the browser face serves the live preview's
// framing page (services/preview/preview-page.ts) under its own origin, so
// Berth's pages (frame-src 'self') may frame it and nobody else may.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  NOT_PREVIEWED,
  previewPage,
  previewPort,
  type PreviewGate,
} from '../services/preview/preview-page.ts';

/** The host name the page used for Berth (already checked against the allowed names). */
function requestHost(req: IncomingMessage): string | null {
  try {
    return new URL(`http://${req.headers.host ?? ''}`).hostname || null;
  } catch {
    return null;
  }
}

/** The `ticket` of the request's query, or '' (an iframe cannot present the page's session). */
function ticketOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '', 'http://x').searchParams.get('ticket') ?? '';
  } catch {
    return '';
  }
}

export function servePreview(
  rest: string,
  req: IncomingMessage,
  res: ServerResponse,
  mayPreview: PreviewGate,
): void {
  const port = previewPort(rest);
  const host = requestHost(req);
  if (Number.isNaN(port) || !host || !mayPreview(port, ticketOf(req))) {
    res.writeHead(404, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(NOT_PREVIEWED);
    return;
  }
  const { html, csp } = previewPage({ host, port, frameAncestors: "'self'" });
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    // Berth's own page frames this one; nobody else may.
    'X-Frame-Options': 'SAMEORIGIN',
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}
