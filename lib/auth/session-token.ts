import 'server-only';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';

/** Decoded tokens kept, by token: every request of a signed-in person carries the same one. Oldest go first. */
const MAX_DECODED_TOKENS = 10_000;
const decoded = new Map<string, { userId: number; expiresAtMs: number }>();

/** next-auth's session cookie name: `__Secure-` prefixed when the public URL is https, as next-auth decides it. */
function sessionCookieName(): string {
  return `${(process.env.NEXTAUTH_URL ?? '').startsWith('https://') ? '__Secure-' : ''}next-auth.session-token`;
}

/**
 * The user id in a next-auth session JWT, or null when it is not one of ours, tampered with or expired.
 * A token is decrypted once and then read from memory until it expires: decryption derives its key with
 * HKDF, which cost more than the rest of a request's session handling.
 */
export async function userIdFromSessionToken(token: string, secret: string, nowMs = Date.now()): Promise<number | null> {
  const known = decoded.get(token);
  if (known) {
    if (nowMs < known.expiresAtMs) return known.userId;
    decoded.delete(token);
    return null;
  }
  let payload: Awaited<ReturnType<typeof decode>>;
  try {
    payload = await decode({ token, secret });
  } catch {
    return null;
  }
  const userId = Number(payload?.sub);
  if (!payload || !Number.isInteger(userId) || userId <= 0 || typeof payload.exp !== 'number') return null;
  if (decoded.size >= MAX_DECODED_TOKENS) decoded.delete(decoded.keys().next().value!);
  decoded.set(token, { userId, expiresAtMs: payload.exp * 1000 });
  return userId;
}

/**
 * The signed-in user id of the current request, from the session cookie (joined again if next-auth split it
 * into chunks), or null. Reads the token as getServerSession does, without its per-call re-issue of a fresh
 * token that a server component cannot send anyway.
 */
export async function sessionUserId(secret: string): Promise<number | null> {
  const name = sessionCookieName();
  const jar = await cookies();
  const token =
    jar.get(name)?.value ??
    jar
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
      .map((c) => c.value)
      .join('');
  return token ? userIdFromSessionToken(token, secret) : null;
}
