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
    const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    return Response.json({ error: 'The request is not valid.', issues }, { status: 400 });
  }
  console.error(error);
  return Response.json({ error: 'Something went wrong. Nothing was changed.' }, { status: 500 });
}

/** Wraps a route handler so that every thrown error becomes a safe response. */
export function handleErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
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

/** A CSV download that is never cached. */
export function csvResponse(fileName: string, csv: string): Response {
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  });
}
