// The one Content-Security-Policy of the app, used as the <meta> tag (index.html) and as the
// HTTP header of the dev and preview servers. Nothing but the app's own origin may be reached;
// 'wasm-unsafe-eval' is needed to instantiate the engine, and only style attributes are inline.
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];
export const CSP_HEADER = CSP_DIRECTIVES.join('; ');
