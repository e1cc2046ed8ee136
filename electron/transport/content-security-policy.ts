// One Content-Security-Policy for both faces: only our own scripts, styles and
// connections; no plugins, no form posts; framed by nobody, framing only Berth's preview page.
import { DESKTOP_PREVIEW_ORIGIN } from '../contract/preview-channels.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // Only Berth's own preview page, which frames one published port (services/preview/preview-page.ts):
  // served by the browser face itself, by the desktop face from its own scheme.
  `frame-src 'self' ${DESKTOP_PREVIEW_ORIGIN}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
