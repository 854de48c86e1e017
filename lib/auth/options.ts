import 'server-only';
import bcrypt from 'bcryptjs';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/db';
import { findSignInCredentials } from '@/db/queries/users';
import { resolveAuthSecret, sessionMaxAgeSeconds } from '@/lib/env';
import { SignInThrottle } from './sign-in-throttle';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

/** Compared against when the e-mail is unknown, so that timing does not tell which accounts exist. */
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 10);
const throttle = new SignInThrottle();

/** Thrown to the sign-in form while an account or client address is locked out. */
export const TOO_MANY_ATTEMPTS = 'TooManyAttempts';

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.['x-forwarded-for'];
  return typeof forwarded === 'string' ? (forwarded.split(',')[0] ?? '').trim() : 'direct';
}

let options: NextAuthOptions | undefined;

/**
 * next-auth options, built on first use so that nothing reads the secret at build time. Sessions are
 * JWTs carrying only the user id; guards read role and scope from the database on every request.
 */
export function authOptions(): NextAuthOptions {
  // next-auth needs its public URL; the embedded default serves on localhost.
  process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  options ??= {
    secret: resolveAuthSecret(),
    session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds() },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const keys = [`email:${email}`, `ip:${clientAddress(request?.headers)}`];
          if (keys.some((key) => throttle.retryAfterMs(key) > 0)) throw new Error(TOO_MANY_ATTEMPTS);
          const account = findSignInCredentials(db, { email });
          const valid = await bcrypt.compare(password, account?.passwordHash ?? DUMMY_HASH);
          if (!account || !account.passwordHash || !valid) {
            keys.forEach((key) => throttle.recordFailure(key));
            return null;
          }
          keys.forEach((key) => throttle.recordSuccess(key));
          return { id: String(account.id), email: account.email, name: account.name };
        },
      }),
    ],
    callbacks: {
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
  return options;
}
