import type Database from 'better-sqlite3';
import type { AppDatabase } from './connection';

/** Most results kept per database; the oldest go first (views differ by scope and filters). */
const MAX_ENTRIES = 200;

interface Cache {
  revision: string;
  entries: Map<string, unknown>;
}

const caches = new WeakMap<Database.Database, Cache>();

/**
 * Changes as SQLite itself counts them: rows written through this connection (`total_changes()`) and
 * commits by any other connection or process (`PRAGMA data_version`). Two equal revisions mean the
 * database content is the same, so whatever was computed from it still holds.
 */
export function dataRevision(db: AppDatabase): string {
  const sqlite = db.$client;
  const dataVersion = sqlite.pragma('data_version', { simple: true }) as number;
  const { changes } = sqlite.prepare('SELECT total_changes() AS changes').get() as { changes: number };
  return `${dataVersion}:${changes}`;
}

/**
 * `compute()`, or its result from an earlier call with the same `key` when nothing was written to the
 * database since. For organisation-wide aggregates that take hundreds of milliseconds to count but are
 * read on every dashboard view. `key` must name everything the result depends on besides the database
 * (scope, filters, day); callers must not mutate the result.
 */
export function memoUntilChange<T>(db: AppDatabase, key: string, compute: () => T): T {
  const revision = dataRevision(db);
  let cache = caches.get(db.$client);
  if (!cache || cache.revision !== revision) {
    cache = { revision, entries: new Map() };
    caches.set(db.$client, cache);
  }
  if (cache.entries.has(key)) return cache.entries.get(key) as T;
  const value = compute();
  // compute() only reads, but re-check: a result computed across a write must not be kept.
  if (dataRevision(db) === revision) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(key, value);
  }
  return value;
}
