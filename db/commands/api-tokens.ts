import crypto from 'node:crypto';
import type { ActionResult } from '@/lib/validation/action-result';
import type { CreateApiTokenInput, RevokeApiTokenInput, TokenScope } from '@/lib/validation/api-tokens';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';

/** Characters of the token kept in clear to tell tokens apart in lists ("onc_" + 8). */
export const TOKEN_PREFIX_LENGTH = 12;

/** SHA-256 (hex) of a token: the only form in which tokens are stored. */
export function hashApiToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export type CreateTokenResult = ActionResult<{ tokenId: number; token: string; tokenPrefix: string }>;

/** Creates a token (256 random bits), stores its hash and prefix, audits it, and returns the token: the only time it is seen. */
export function createApiToken(db: AppDatabase, actor: Actor, input: CreateApiTokenInput, { now = new Date() }: CommandOptions = {}): CreateTokenResult {
  const token = `onc_${crypto.randomBytes(32).toString('base64url')}`;
  const tokenPrefix = token.slice(0, TOKEN_PREFIX_LENGTH);
  const expiresAt = input.expiresInDays > 0 ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  return db.transaction(
    (tx): CreateTokenResult => {
      const tokenId = Number(
        db.$client
          .prepare('INSERT INTO api_tokens (name, scopes, token_hash, token_prefix, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(input.name, JSON.stringify(input.scopes), hashApiToken(token), tokenPrefix, actor.id, now.getTime(), expiresAt?.getTime() ?? null).lastInsertRowid,
      );
      appendAuditEntry(tx, {
        actorId: actor.id, action: 'api_token.create', targetType: 'api_token', targetId: tokenId, at: now,
        summary: { name: input.name, scopes: input.scopes, prefix: tokenPrefix, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return { ok: true, tokenId, token, tokenPrefix };
    },
    { behavior: 'immediate' },
  );
}

/** Revokes a token from now on; audited. An unknown or already revoked token is refused. */
export function revokeApiToken(db: AppDatabase, actor: Actor, { tokenId }: RevokeApiTokenInput, { now = new Date() }: CommandOptions = {}): ActionResult {
  return db.transaction(
    (tx): ActionResult => {
      const row = db.$client.prepare<[number], { name: string; revoked_at: number | null; token_prefix: string }>('SELECT name, revoked_at, token_prefix FROM api_tokens WHERE id = ?').get(tokenId);
      if (!row) return { ok: false, error: 'That token does not exist.' };
      if (row.revoked_at !== null) return { ok: false, error: 'That token is already revoked.' };
      db.$client.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(now.getTime(), tokenId);
      appendAuditEntry(tx, { actorId: actor.id, action: 'api_token.revoke', targetType: 'api_token', targetId: tokenId, at: now, summary: { name: row.name, prefix: row.token_prefix } });
      return { ok: true };
    },
    { behavior: 'immediate' },
  );
}

/** Why a bearer token was refused: 401 (who are you?) or 403 (not allowed). */
export type TokenCheck = { ok: true; tokenId: number; actorId: number } | { ok: false; status: 401 | 403; error: string };

/**
 * Checks a bearer token for `scope`: unknown, revoked, expired, or created by someone since deactivated →
 * 401; without the scope → 403. On success, records the use (last_used_at = now).
 */
export function checkApiToken(db: AppDatabase, token: string, scope: TokenScope, { now = new Date() }: CommandOptions = {}): TokenCheck {
  const row = db.$client
    .prepare<[string], { id: number; scopes: string; expires_at: number | null; revoked_at: number | null; created_by: number; active: number }>(
      `SELECT t.id, t.scopes, t.expires_at, t.revoked_at, t.created_by, u.active FROM api_tokens t JOIN users u ON u.id = t.created_by WHERE t.token_hash = ?`,
    )
    .get(hashApiToken(token));
  if (!row || row.revoked_at !== null || row.active !== 1) return { ok: false, status: 401, error: 'The token is not valid.' };
  if (row.expires_at !== null && row.expires_at <= now.getTime()) return { ok: false, status: 401, error: 'The token has expired.' };
  const scopes = JSON.parse(row.scopes) as unknown;
  if (!Array.isArray(scopes) || !scopes.includes(scope)) return { ok: false, status: 403, error: `The token does not have the ${scope} scope.` };
  db.$client.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now.getTime(), row.id);
  return { ok: true, tokenId: row.id, actorId: row.created_by };
}
