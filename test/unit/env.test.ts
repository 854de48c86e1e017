import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oidcConfig, resolveAuthSecret, resolveDatabasePath, sessionMaxAgeSeconds, trustedProxyHops } from '@/lib/env';

describe('resolveDatabasePath', () => {
  it.each([
    [{}, path.resolve('data/onchannel.db')],
    [{ DATABASE_PATH: '/srv/onchannel.db' }, '/srv/onchannel.db'],
    [{ DATABASE_URL: 'file:/srv/x.db' }, '/srv/x.db'],
    [{ DATABASE_URL: 'rel/x.db' }, path.resolve('rel/x.db')],
    [{ DATABASE_PATH: '' }, path.resolve('data/onchannel.db')],
  ])('%j → %s', (env, expected) => {
    expect(resolveDatabasePath(env)).toBe(expected);
  });
});

describe('resolveAuthSecret', () => {
  it('prefers NEXTAUTH_SECRET', () => {
    expect(resolveAuthSecret({ NEXTAUTH_SECRET: 'from-env' })).toBe('from-env');
  });

  it('generates a secret beside the database once, then keeps it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-env-'));
    const env = { DATABASE_PATH: path.join(dir, 'db', 'x.db') };
    const first = resolveAuthSecret(env);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret(env)).toBe(first);
    expect(fs.statSync(path.join(dir, 'db', 'auth-secret')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('sessionMaxAgeSeconds', () => {
  it.each([
    [{}, 8 * 3600],
    [{ SESSION_MAX_AGE_MINUTES: '30' }, 1800],
    [{ SESSION_MAX_AGE_MINUTES: 'soon' }, 8 * 3600],
    [{ SESSION_MAX_AGE_MINUTES: '-5' }, 8 * 3600],
  ])('%j → %i s', (env, seconds) => {
    expect(sessionMaxAgeSeconds(env)).toBe(seconds);
  });
});

describe('oidcConfig', () => {
  const base = { OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0/', OIDC_CLIENT_ID: 'client', OIDC_CLIENT_SECRET: 's3cret' };

  it('is off when none of issuer, client id and secret is set', () => {
    expect(oidcConfig({})).toBeNull();
    expect(oidcConfig({ OIDC_NAME: 'Okta' })).toBeNull();
  });

  it('reads a full configuration, trimming the issuer’s trailing slash', () => {
    expect(oidcConfig({ ...base, OIDC_NAME: 'Microsoft Entra ID', OIDC_TRUST_EMAIL: '1' })).toEqual({
      issuer: 'https://login.microsoftonline.com/tenant/v2.0',
      clientId: 'client',
      clientSecret: 's3cret',
      name: 'Microsoft Entra ID',
      trustEmail: true,
      createUsers: false,
      allowedDomains: [],
    });
    expect(oidcConfig(base)?.name).toBe('single sign-on');
  });

  it.each([
    [{ OIDC_ISSUER: 'https://idp.example' }, /OIDC_CLIENT_ID is not set; OIDC_CLIENT_SECRET is not set/],
    [{ ...base, OIDC_ISSUER: 'idp.example' }, /OIDC_ISSUER must be the issuer URL/],
    [{ ...base, OIDC_TRUST_EMAIL: 'yes' }, /OIDC_TRUST_EMAIL/],
    [{ ...base, OIDC_CREATE_USERS: '1' }, /OIDC_CREATE_USERS=1 needs OIDC_ALLOWED_DOMAINS/],
  ])('refuses a partial or wrong configuration, naming the variable: %j', (env, message) => {
    expect(() => oidcConfig(env)).toThrow(message);
  });

  it('keeps the allowed domains only when creation is on', () => {
    expect(oidcConfig({ ...base, OIDC_CREATE_USERS: '1', OIDC_ALLOWED_DOMAINS: ' Northbridge.example, @branch.example ,' })?.allowedDomains).toEqual(['northbridge.example', 'branch.example']);
    expect(oidcConfig({ ...base, OIDC_ALLOWED_DOMAINS: 'northbridge.example' })?.allowedDomains).toEqual([]);
  });
});

describe('trustedProxyHops', () => {
  it.each([
    [{}, 0],
    [{ TRUSTED_PROXY_HOPS: '' }, 0],
    [{ TRUSTED_PROXY_HOPS: '0' }, 0],
    [{ TRUSTED_PROXY_HOPS: ' 1 ' }, 1],
    [{ TRUSTED_PROXY_HOPS: '10' }, 10],
  ])('%j → %i', (env, hops) => {
    expect(trustedProxyHops(env)).toBe(hops);
  });

  it.each(['true', '-1', '1.5', '11', 'one', '0x1'])('refuses TRUSTED_PROXY_HOPS=%s, naming it', (value) => {
    expect(() => trustedProxyHops({ TRUSTED_PROXY_HOPS: value })).toThrow(new RegExp(`^TRUSTED_PROXY_HOPS must be .*whole number from 0 to 10 \\(got "${value.replace('.', '\\.')}"\\)`));
  });
});
