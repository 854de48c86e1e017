import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { CALLBACK_URL_PARAM, isCallbackUrl } from '@/lib/auth/callback-url';
import { authOptions } from '@/lib/auth/options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * Options are passed per request so that nothing reads the session secret at build time. A `callbackUrl` that is
 * not a path or an http(s) address is refused here: next-auth takes it for a configuration error and answers 500.
 */
async function handleAuth(request: NextRequest, context: RouteContext): Promise<Response> {
  const callbackUrls = request.nextUrl.searchParams.getAll(CALLBACK_URL_PARAM);
  if (!callbackUrls.every((url) => isCallbackUrl(url, request.nextUrl.origin))) {
    return Response.json({ error: `${CALLBACK_URL_PARAM} must be a path on this site, such as /my, or an http(s) address.` }, { status: 400 });
  }
  return NextAuth(request, context, authOptions());
}

export { handleAuth as GET, handleAuth as POST };
