import type { RunResult } from 'better-sqlite3';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type { AppDatabase } from './connection';
import type * as schema from './schema';

/**
 * The handle `db.transaction((tx) => …)` hands its callback. Writers that must share a transaction
 * with the change they accompany take this type rather than the database, so that the compiler refuses
 * a call made outside one.
 */
export type AppTransaction = SQLiteTransaction<'sync', RunResult, typeof schema, ExtractTablesWithRelations<typeof schema>>;

/** Either handle: for reads that run both on their own and inside a write's transaction. */
export type DatabaseOrTransaction = AppDatabase | AppTransaction;
