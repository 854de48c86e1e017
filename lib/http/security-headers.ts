/** What the per-request security headers depend on. */
export interface SecurityHeaderOptions {
  /** Fresh random value of this request; scripts without it do not run. */
  nonce: string;
  /** The public URL is https: browsers are told to keep to it (HSTS, upgrade-insecure-requests). */
  https: boolean;
  /** `next dev`: React's debugging rebuilds server stacks with eval, production never does. */
  development: boolean;
}

/**
 * The Content-Security-Policy of a response. Scripts run only with this request's nonce (Next puts it on its
 * own scripts) and what they load ('strict-dynamic'), so injected markup cannot run script. Styles keep
 * 'unsafe-inline': charts and layout set style attributes, which a nonce cannot cover, and CSS cannot run code.
 */
export function contentSecurityPolicy({ nonce, https, development }: SecurityHeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** HSTS for two years, subdomains included; only over https, where it means something. */
export const strictTransportSecurity = 'max-age=63072000; includeSubDomains';

/** The headers that vary by request or deployment; the fixed ones are in next.config.js. */
export function securityHeaders(options: SecurityHeaderOptions): { 'Content-Security-Policy': string; 'Strict-Transport-Security'?: string } {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    ...(options.https ? { 'Strict-Transport-Security': strictTransportSecurity } : {}),
  };
}

/** A nonce of 128 random bits, base64 as CSP expects. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
