import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** Options are passed per request so that nothing reads the session secret at build time. */
function handleAuth(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, authOptions());
}

export { handleAuth as GET, handleAuth as POST };
