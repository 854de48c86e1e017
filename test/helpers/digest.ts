import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A SHA-256 of every row of every table (in rowid order), per table, so that a test can assert that a refused
 * request changed nothing at all — and, when it did, the failure names the tables that moved.
 */
export function databaseDigest(sqlite: Database.Database): Record<string, string> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const hash = crypto.createHash('sha256');
    // Buffers (BLOB columns) and bigints are not JSON: spell them out so they still count.
    const replacer = (_key: string, value: unknown) =>
      typeof value === 'bigint' ? `${value}n` : value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
    for (const row of sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) hash.update(`${JSON.stringify(row, replacer)}\n`);
    digest[name] = hash.digest('hex');
  }
  return digest;
}
