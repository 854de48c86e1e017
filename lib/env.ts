import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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
