// The framing page of a container's live preview, for both faces. Berth's own
// pages may frame nothing but this page, and a CSP is fixed per page load, so
// the Overview frames this page, and this page alone may frame the one
// published port it names: its CSP's frame-src is that origin only. The
// browser face serves it at `/preview/<port>` (browser-host/preview-route.ts),
// the desktop face at `berth-preview://preview/<port>` (shell/preview-protocol.ts),
// each only with a ticket from `containers.probeWeb` for a port a container publishes.
import { createHash } from 'node:crypto';
import type { ContainerSummary } from '../../contract/container-types.ts';
import { PREVIEW_SANDBOX } from '../../contract/preview-channels.ts';
import { publishedTcp } from '../containers/web-probe.ts';
import type { PreviewTickets } from './preview-tickets.ts';

const STYLE = 'html,body,iframe{margin:0;border:0;width:100%;height:100%;display:block}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

export interface PreviewPageOptions {
  /** The host the site is reached at: the browser face's own, `localhost` on the desktop. */
  host: string;
  port: number;
  /**
   * Who may frame this page: `'self'` on the browser face. The desktop's page
   * is a file, which Chromium's frame-ancestors matching has mishandled; there
   * only the window's own session can load the scheme at all.
   */
  frameAncestors?: string;
}

export function previewPage({ host, port, frameAncestors }: PreviewPageOptions): {
  html: string;
  csp: string;
} {
  const origin = `http://${host}:${port}`;
  const csp = [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `frame-src ${origin}`,
    ...(frameAncestors ? [`frame-ancestors ${frameAncestors}`] : []),
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

/** A port from the page's path: 1-65535 in plain digits, or NaN. */
export function previewPort(text: string): number {
  const port = /^[1-9]\d{0,4}$/.test(text) ? Number(text) : NaN;
  return port <= 65_535 ? port : NaN;
}

/** What a framing page request must present: a live ticket for a port a container still publishes. */
export type PreviewGate = (port: number, ticket: string) => boolean;

export function previewGate(
  tickets: PreviewTickets,
  containers: () => readonly ContainerSummary[],
): PreviewGate {
  // The ticket first: it is spent whether or not the port is still published.
  return (port, ticket) =>
    tickets.redeem(ticket, port) && publishedTcp(containers(), port) !== undefined;
}

/** One answer for an unpublished port and a missing or spent ticket: nothing to learn without a session. */
export const NOT_PREVIEWED = 'No container publishes that port.\n';
