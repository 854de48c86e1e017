import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, securityHeaders } from '@/lib/http/security-headers';

/**
 * Gives every request its own script nonce. Next reads it from the request's Content-Security-Policy and puts
 * it on the scripts it renders; the response carries the same policy. The headers that never vary are in
 * next.config.js.
 */
export function proxy(request: NextRequest) {
  const headers = securityHeaders({
    nonce: newNonce(),
    https: (process.env.NEXTAUTH_URL ?? '').startsWith('https://'),
    development: process.env.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Built assets are plain files: no policy to apply, and skipping them keeps the proxy off the hot path.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
