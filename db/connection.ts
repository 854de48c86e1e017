import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export { resolveDatabasePath } from '@/lib/env';

export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Folder of the committed drizzle-kit migrations. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** How long a write waits for another connection's write to finish before it fails. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens a SQLite file with the pragmas the app relies on: WAL (readers never block the writer),
 * foreign keys enforced, a busy timeout so concurrent writers wait instead of failing.
 */
export function openDatabase(file: string): AppDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('synchronous = NORMAL');
  return drizzle(sqlite, { schema });
}

/** Applies every committed migration not yet applied. Idempotent. */
export function migrateDatabase(db: AppDatabase): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
