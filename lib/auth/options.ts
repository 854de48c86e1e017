import 'server-only';
import bcrypt from 'bcryptjs';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';
import { db } from '@/db';
import { completeSsoSignIn, recordPasswordSignIn } from '@/db/commands/sign-in';
import { findActiveUserIdBySsoSubject, findSignInCredentials } from '@/db/queries/users';
import { oidcConfig, resolveAuthSecret, sessionMaxAgeSeconds, type OidcConfig } from '@/lib/env';
import { safeRedirect } from './callback-url';
import { clientAddressOfRequest } from './client-address';
import { SignInLimits } from './sign-in-throttle';
import { SSO_PROVIDER_ID, type SsoProfile } from './sso';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

/** Compared against when the e-mail is unknown, so that timing does not tell which accounts exist. */
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 10);
const limits = new SignInLimits();

/** Thrown to the sign-in form while an account or client address is locked out. */
export const TOO_MANY_ATTEMPTS = 'TooManyAttempts';

/**
 * The credentials provider's check of an e-mail and password, behind the sign-in limits (per account and per
 * client address, lib/auth/sign-in-throttle.ts). The client's address is the socket's peer, or with
 * TRUSTED_PROXY_HOPS set the entry of X-Forwarded-For the nearest untrusted hop wrote (lib/auth/client-address.ts).
 * Returns the user, or null for a wrong password or unknown e-mail; throws TOO_MANY_ATTEMPTS while locked out.
 */
export async function authorizePassword(raw: Record<string, string> | undefined, request: { headers?: Record<string, unknown> } | undefined) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const attempt = { email, address: clientAddressOfRequest(request?.headers) };
  if (limits.retryAfterMs(attempt) > 0) throw new Error(TOO_MANY_ATTEMPTS);
  const account = findSignInCredentials(db, { email });
  const valid = await bcrypt.compare(password, account?.passwordHash ?? DUMMY_HASH);
  if (!account || !account.passwordHash || !valid) {
    limits.recordFailure(attempt);
    return null;
  }
  limits.recordSuccess(attempt);
  recordPasswordSignIn(db, { userId: account.id });
  return { id: String(account.id), email: account.email, name: account.name };
}

/**
 * Any OpenID Connect issuer, found through its discovery document. The ID token's claims are the profile
 * (no userinfo call); PKCE, state and nonce all checked.
 */
function ssoProvider(sso: OidcConfig): OAuthConfig<SsoProfile> {
  return {
    id: SSO_PROVIDER_ID,
    name: sso.name,
    type: 'oauth',
    wellKnown: `${sso.issuer}/.well-known/openid-configuration`,
    clientId: sso.clientId,
    clientSecret: sso.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    profile: (profile) => ({ id: profile.sub, name: typeof profile.name === 'string' ? profile.name : null, email: typeof profile.email === 'string' ? profile.email : null }),
  };
}

let options: NextAuthOptions | undefined;

/**
 * next-auth options, built on first use so that nothing reads the secret at build time. Sessions are
 * JWTs carrying only the user id; guards read role and scope from the database on every request.
 */
export function authOptions(): NextAuthOptions {
  // next-auth needs its public URL; the embedded default serves on localhost.
  process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  if (options) return options;
  const sso = oidcConfig();
  options = {
    secret: resolveAuthSecret(),
    session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds() },
    // Refused SSO sign-ins come back to the sign-in page with ?error=<reason>, which it explains.
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: authorizePassword,
      }),
      ...(sso ? [ssoProvider(sso)] : []),
    ],
    callbacks: {
      signIn({ account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID || !sso) return true;
        const claims = profile as SsoProfile | undefined;
        if (typeof claims?.sub !== 'string' || claims.sub === '') return false;
        const result = completeSsoSignIn(db, { profile: claims, issuer: sso.issuer, policy: sso });
        return result.ok ? true : `${process.env.NEXTAUTH_URL}/signin?error=${result.reason}`;
      },
      jwt({ token, user, account }) {
        if (!user) return token;
        // At sign-in the token is cut down to the user id: for SSO, the account the subject was just linked to.
        if (account?.provider === SSO_PROVIDER_ID) {
          const userId = findActiveUserIdBySsoSubject(db, { subject: account.providerAccountId });
          if (userId === null) throw new Error('SsoNoAccount');
          return { sub: String(userId) };
        }
        return { sub: token.sub };
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
      // next-auth's default is the same rule, but throws (a 500) on a posted callbackUrl that is not an address.
      redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
    },
  };
  return options;
}
