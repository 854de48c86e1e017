/**
 * Where next-auth may send the browser after signing in or out (`callbackUrl`). Pure: no next-auth import, so that
 * the rules are tested on their own. next-auth's own checks throw on text that is not an address, which answered
 * a hostile `callbackUrl` with a 500.
 */

/** The query parameter and form field that carries it. */
export const CALLBACK_URL_PARAM = 'callbackUrl';

/**
 * Whether next-auth accepts `value` as a callback URL: a path ("/my") or an absolute http(s) address. It refuses
 * anything else as a configuration error (a 500), so such a request is answered 400 before it gets there.
 */
export function isCallbackUrl(value: string, baseUrl: string): boolean {
  const base = value.startsWith('/') ? baseUrl : undefined;
  return URL.canParse(value, base) && /^https?:$/.test(new URL(value, base).protocol);
}

/**
 * The address to send the browser to for `url`: a path on this site, or an address on this site as given;
 * anything else (another site, text that is not an address) is the home page. Never throws.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  if (url.startsWith('/')) return `${baseUrl}${url}`;
  return URL.canParse(url) && new URL(url).origin === baseUrl ? url : baseUrl;
}
