import type { RunResult } from 'better-sqlite3';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import { BUSY_TIMEOUT_MS, type AppDatabase } from './connection';
import type * as schema from './schema';

/**
 * The handle `db.transaction((tx) => …)` hands its callback. Writers that must share a transaction
 * with the change they accompany take this type rather than the database, so that the compiler refuses
 * a call made outside one.
 */
export type AppTransaction = SQLiteTransaction<'sync', RunResult, typeof schema, ExtractTablesWithRelations<typeof schema>>;

/** Either handle: for reads that run both on their own and inside a write's transaction. */
export type DatabaseOrTransaction = AppDatabase | AppTransaction;

/** SQLite's "database is locked", as better-sqlite3 throws it or drizzle wraps it. */
const isBusy = (error: unknown): boolean =>
  error instanceof Error && (('code' in error && String(error.code).startsWith('SQLITE_BUSY')) || isBusy(error.cause));

/**
 * Runs `write` (synchronous: one immediate transaction, safe to run again from the start) when the database is
 * free to write. While another process holds the write lock (the background process applying an import), SQLite's
 * busy timeout would sleep with the whole server's event loop stopped; here the wait is asynchronous, so that the
 * server goes on with other requests meanwhile. Fails like the busy timeout after `waitMs`.
 */
export async function whenWritable<T>(db: AppDatabase, write: () => T, { waitMs = BUSY_TIMEOUT_MS }: { waitMs?: number } = {}): Promise<T> {
  const sqlite = db.$client;
  const deadline = Date.now() + waitMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 16)) {
    sqlite.pragma('busy_timeout = 0');
    try {
      return write();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
    } finally {
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
