// `GET /preview/<port>`: the browser face's framing page for a container's
// live preview. Berth's own pages may frame nothing but Berth (frame-src
// 'self'), and a CSP is fixed per page load, so the Overview frames this page,
// and this page alone may frame the one published port it names: its CSP's
// frame-src is that origin only, and only a port a container publishes gets one,
// asked with a ticket from `containers.probeWeb` (preview-tickets.ts).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PREVIEW_SANDBOX } from '../contract/preview-channels.ts';

const STYLE = 'html,body,iframe{margin:0;border:0;width:100%;height:100%;display:block}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

export function previewPage(host: string, port: number): { html: string; csp: string } {
  const origin = `http://${host}:${port}`;
  const csp = [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `frame-src ${origin}`,
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview</title>' +
    `<style>${STYLE}</style></head><body>` +
    `<iframe sandbox="${PREVIEW_SANDBOX}" referrerpolicy="no-referrer" title="${origin}" src="${origin}/"></iframe>` +
    '</body></html>';
  return { html, csp };
}

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
  mayPreview: (port: number, ticket: string) => boolean,
): void {
  const port = /^[1-9]\d{0,4}$/.test(rest) ? Number(rest) : NaN;
  const host = requestHost(req);
  // One answer for an unpublished port and a missing or spent ticket: nothing to learn without a session.
  if (!(port <= 65_535) || !host || !mayPreview(port, ticketOf(req))) {
    res.writeHead(404, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end('No container publishes that port.\n');
    return;
  }
  const { html, csp } = previewPage(host, port);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    // Berth's own page frames this one; nobody else may.
    'X-Frame-Options': 'SAMEORIGIN',
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}
