// One Content-Security-Policy for both faces: only our own scripts, styles and
// connections; no plugins, no form posts; framed by nobody, framing only Berth's preview page.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // Only Berth's own preview page (browser-host/preview-route.ts), which frames one published port.
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
