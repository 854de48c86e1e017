import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * Tables that move without any request's content changing: the daily figures (a cache that a page, an export or
 * a report recomputes when it reads them) and the API tokens (a good token records when it was last used:
 * bookkeeping of the authentication, not of the request).
 */
export const NOISY_TABLES: readonly string[] = ['org_score_snapshots', 'team_score_snapshots', 'api_tokens'];

/**
 * A SHA-256 of every row of every table (in rowid order), per table, so that a test can assert that a refused
 * request changed nothing at all — and, when it did, the failure names the tables that moved. `except` leaves
 * tables out (e.g. NOISY_TABLES, for requests that legitimately refresh the figures).
 */
export function databaseDigest(sqlite: Database.Database, { except = [] }: { except?: readonly string[] } = {}): Record<string, string> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const hash = crypto.createHash('sha256');
    // Buffers (BLOB columns) and bigints are not JSON: spell them out so they still count.
    const replacer = (_key: string, value: unknown) =>
      typeof value === 'bigint' ? `${value}n` : value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
    for (const row of sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) hash.update(`${JSON.stringify(row, replacer)}\n`);
    digest[name] = hash.digest('hex');
  }
  return digest;
}
