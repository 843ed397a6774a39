/**
 * The renderer's Content-Security-Policy: one string for every host that shows the UI.
 *
 * The web host sends it as a header on HTML; the Electron shell sends it on the session's
 * responses. `style-src 'unsafe-inline'` is there because React writes `style` attributes;
 * scripts stay same-origin only. `connect-src` allows the loopback contract socket (the web
 * host's port is picked at launch, hence the port wildcard).
 */

/** The renderer's Content-Security-Policy header value. */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ')
