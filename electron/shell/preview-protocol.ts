// The desktop face's live preview: the window's page is a file (or the dev
// server) with no server of Berth's behind it, so the framing page the browser
// face serves at `/preview/<port>` comes from a scheme of its own here,
// `berth-preview://preview/<port>?ticket=…`, with the same page, the same
// single-use tickets and the same one answer for anything refused.
import { DESKTOP_PREVIEW_ORIGIN, DESKTOP_PREVIEW_SCHEME } from '../contract/preview-channels.ts';
import {
  NOT_PREVIEWED,
  previewPage,
  previewPort,
  type PreviewGate,
} from '../services/preview/preview-page.ts';

/** The parts of Electron's Protocol this uses (a session's `protocol`). */
export interface PreviewProtocolApi {
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** For `protocol.registerSchemesAsPrivileged`, before the app is ready: a standard URL (host, path, query), nothing more. */
export const PREVIEW_SCHEME_PRIVILEGES = {
  scheme: DESKTOP_PREVIEW_SCHEME,
  privileges: { standard: true },
};

const PREVIEW_PREFIX = `${DESKTOP_PREVIEW_ORIGIN}/`;

/** The framing page for the request's port, or a 404; the desktop reaches published ports on `localhost`. */
export function previewResponse(request: Request, mayPreview: PreviewGate): Response {
  const url = URL.canParse(request.url) ? new URL(request.url) : null;
  const rest = url?.href.startsWith(PREVIEW_PREFIX) ? url.pathname.slice(1) : '';
  const port = previewPort(rest);
  const ticket = url?.searchParams.get('ticket') ?? '';
  if (request.method !== 'GET' || Number.isNaN(port) || !mayPreview(port, ticket)) {
    return new Response(NOT_PREVIEWED, {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const { html, csp } = previewPage({ host: 'localhost', port });
  return new Response(html, {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': csp,
    },
  });
}

export function servePreviewProtocol(protocol: PreviewProtocolApi, mayPreview: PreviewGate): void {
  protocol.handle(DESKTOP_PREVIEW_SCHEME, (request) => previewResponse(request, mayPreview));
}
