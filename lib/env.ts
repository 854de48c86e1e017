import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Environment variables as read here (process.env, or a plain object in tests). */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/**
 * Path of the SQLite file: DATABASE_PATH, or DATABASE_URL with an optional `file:` prefix,
 * or `data/onchannel.db` under the working directory.
 */
export function resolveDatabasePath(env: EnvVars = process.env): string {
  const configured = env.DATABASE_PATH ?? env.DATABASE_URL?.replace(/^file:/, '');
  return path.resolve(configured && configured.length > 0 ? configured : path.join('data', 'onchannel.db'));
}

/**
 * The secret that signs session tokens: NEXTAUTH_SECRET in production deployments; for the embedded
 * default, a random secret generated on first start and kept beside the database (never committed).
 */
export function resolveAuthSecret(env: EnvVars = process.env): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(path.dirname(resolveDatabasePath(env)), 'auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString('base64url');
    // 'wx' fails if another process created it first; then read theirs.
    try {
      fs.writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}

/** Minutes a session lasts before the person must sign in again (SESSION_MAX_AGE_MINUTES, default 8 hours). */
export function sessionMaxAgeSeconds(env: EnvVars = process.env): number {
  const minutes = Number(env.SESSION_MAX_AGE_MINUTES ?? 480);
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : 480 * 60;
}

/** The most reverse proxies TRUSTED_PROXY_HOPS may name: more is a typo, not a deployment. */
export const MAX_TRUSTED_PROXY_HOPS = 10;

/**
 * How many reverse proxies sit in front of the app, each appending the address it was reached from to
 * X-Forwarded-For (TRUSTED_PROXY_HOPS, default 0: clients connect directly, and X-Forwarded-For, which anyone can
 * send, is ignored). Set it only when the app cannot be reached except through those proxies. Throws an error
 * naming the variable when it is not a whole number from 0 to MAX_TRUSTED_PROXY_HOPS.
 */
export function trustedProxyHops(env: EnvVars = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim() ?? '';
  if (raw === '') return 0;
  const hops = Number(raw);
  if (!/^\d+$/.test(raw) || hops > MAX_TRUSTED_PROXY_HOPS) {
    throw new Error(
      `TRUSTED_PROXY_HOPS must be the number of reverse proxies in front of the app, a whole number from 0 to ${MAX_TRUSTED_PROXY_HOPS} (got "${raw.slice(0, 40)}").`,
    );
  }
  return hops;
}

/** Single sign-on settings, when an OpenID Connect issuer is configured. */
export interface OidcConfig {
  /** Issuer URL; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button: "Sign in with <name>". */
  name: string;
  /** Accept the issuer's e-mail without an `email_verified: true` claim (issuers such as Entra ID omit it). */
  trustEmail: boolean;
  /** Create an unknown person as staff on first SSO sign-in (only for e-mails in `allowedDomains`). */
  createUsers: boolean;
  /** Lower-case e-mail domains that may be created; empty unless `createUsers`. */
  allowedDomains: string[];
}

const OIDC_KEYS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
const oidcFlag = z.enum(['0', '1', 'true', 'false'], { error: 'write 1 (on) or 0 (off)' }).optional().transform((value) => value === '1' || value === 'true');
const oidcSchema = z
  .object({
    OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'OIDC_ISSUER must be the issuer URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0' }),
    OIDC_CLIENT_ID: z.string().trim().min(1, 'OIDC_CLIENT_ID is empty'),
    OIDC_CLIENT_SECRET: z.string().min(1, 'OIDC_CLIENT_SECRET is empty'),
    OIDC_NAME: z.string().trim().max(60, 'OIDC_NAME is longer than 60 characters').optional(),
    OIDC_TRUST_EMAIL: oidcFlag,
    OIDC_CREATE_USERS: oidcFlag,
    OIDC_ALLOWED_DOMAINS: z.string().optional(),
  })
  .transform((env, ctx): OidcConfig => {
    const allowedDomains = (env.OIDC_ALLOWED_DOMAINS ?? '').split(',').map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);
    // Some issuers (Google, multi-tenant Entra) vouch for anyone's account: creating people needs a domain list.
    if (env.OIDC_CREATE_USERS && allowedDomains.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'OIDC_CREATE_USERS=1 needs OIDC_ALLOWED_DOMAINS (comma-separated e-mail domains that may be created)' });
    }
    return {
      issuer: env.OIDC_ISSUER.replace(/\/+$/, ''),
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      name: env.OIDC_NAME || 'single sign-on',
      trustEmail: env.OIDC_TRUST_EMAIL,
      createUsers: env.OIDC_CREATE_USERS,
      allowedDomains: env.OIDC_CREATE_USERS ? allowedDomains : [],
    };
  });

/**
 * Single sign-on settings from OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET (all three, or none: SSO off →
 * null) and the optional OIDC_NAME, OIDC_TRUST_EMAIL, OIDC_CREATE_USERS, OIDC_ALLOWED_DOMAINS. Throws an error
 * naming each wrong or missing variable when the configuration is partial or invalid.
 */
export function oidcConfig(env: EnvVars = process.env): OidcConfig | null {
  if (OIDC_KEYS.every((key) => !env[key])) return null;
  const parsed = oidcSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    if (issue.code === 'invalid_type') return `${key} is not set`;
    return key && !issue.message.includes(key) ? `${key}: ${issue.message}` : issue.message;
  });
  throw new Error(`Single sign-on is misconfigured: ${problems.join('; ')}.`);
}
