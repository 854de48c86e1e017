import 'server-only';
import { ZodError } from 'zod';
import type { SessionUser } from '@/db/queries/users';
import { getSessionUser } from '@/lib/auth/guards';
import { can, type Capability } from '@/lib/auth/roles';

/** An expected failure of a route handler, with the status and the message safe to show. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one mapping from errors to responses for route handlers: HttpError → its status and message,
 * ZodError → 400 naming each field, anything else → 500 with a generic message (details go to the log only).
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) return Response.json({ error: error.message }, { status: error.status });
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({
      path: issue.path.join('.'),
      // Zod's own wording quotes the keys; one with no name (`?=x`) would read as `""`.
      message: issue.code === 'unrecognized_keys' ? `Not accepted here: ${issue.keys.map((key) => (key === '' ? 'a parameter with no name' : `"${key}"`)).join(', ')}.` : issue.message,
    }));
    return Response.json({ error: 'The request is not valid.', issues }, { status: 400 });
  }
  console.error(error);
  return Response.json({ error: 'Something went wrong. Nothing was changed.' }, { status: 500 });
}

/** Methods that change nothing: a cross-site request with them is harmless (links and images use GET). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (403) a state-changing request that a browser sent from another site with the person's cookies
 * (cross-site request forgery). Browsers say where a request comes from: Sec-Fetch-Site, else Origin. A request
 * without cookies, or with a bearer token, cannot ride on a session and passes, as do clients that send neither header.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  if (!request.headers.get('cookie') || /^Bearer\s/i.test(request.headers.get('authorization') ?? '')) return;
  const refused = new HttpError(403, 'Cross-site requests are refused: send this from Onchannel itself.');
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) {
    if (site === 'same-origin' || site === 'none') return;
    throw refused;
  }
  const origin = request.headers.get('origin');
  if (origin === null) return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  if (!URL.canParse(origin) || new URL(origin).host !== host) throw refused;
}

/**
 * Wraps a route handler so that every thrown error becomes a safe response, and cross-site state-changing
 * requests carrying the session cookie are refused before the handler runs.
 */
export function handleErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      if (args[0] instanceof Request) assertSameOrigin(args[0]);
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * For route handlers behind a session: the signed-in person holding `capability`. Signed out → 401;
 * without the capability → 404, which says nothing about what exists.
 */
export async function requireRouteCapability(capability: Capability): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new HttpError(401, 'Sign in first.');
  if (!can(user.role, capability)) throw new HttpError(404, 'Not found.');
  return user;
}

/** A CSV download that is never cached (the body whole, or streamed). */
export function csvResponse(fileName: string, csv: string | ReadableStream<Uint8Array>): Response {
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  });
}
