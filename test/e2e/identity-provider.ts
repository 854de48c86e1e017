import http from 'node:http';
import Provider from 'oidc-provider';

/** An account of the test identity provider: its login (the subject) and the claims its ID token carries. */
export interface TestIdentity {
  login: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export const SSO_CLIENT = { id: 'onchannel-e2e', secret: 'e2e-client-secret-not-for-production' };

/**
 * A real OpenID Connect provider (oidc-provider) on loopback, with one client registered for the app's callback
 * URL and oidc-provider's development login and consent pages (any password is accepted for a known login).
 * Claims go into the ID token, which is where the app reads them.
 */
export async function startIdentityProvider({ port, appUrl, identities }: { port: number; appUrl: string; identities: readonly TestIdentity[] }) {
  const issuer = `http://127.0.0.1:${port}`;
  const byLogin = new Map(identities.map((identity) => [identity.login, identity]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: SSO_CLIENT.id,
        client_secret: SSO_CLIENT.secret,
        redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: (_ctx, id) => {
      const identity = byLogin.get(id);
      if (!identity) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: identity.email, email_verified: identity.emailVerified, name: identity.name }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['e2e-cookie-key-not-for-production'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
  });
  provider.on('server_error', (_ctx, error) => console.error('identity provider:', error));
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
