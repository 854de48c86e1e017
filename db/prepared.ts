import type { DatabaseOrTransaction } from './transaction';

const prepared = new WeakMap<object, WeakMap<DatabaseOrTransaction, unknown>>();

/**
 * `build(db)` (a drizzle query ending in `.prepare()`, with `sql.placeholder`s for its parameters), built once
 * per database handle and reused. For the queries every request runs (the signed-in person, the attestation
 * path): building and compiling a query costs several times running it. `build` must be a module-level
 * function, the key of the cache. A transaction handle gets its own, dropped with it; on better-sqlite3 a
 * query prepared on the database also runs inside a transaction opened on it (one connection, synchronous).
 */
export function prepareOnce<D extends DatabaseOrTransaction, T>(db: D, build: (db: D) => T): T {
  let byDatabase = prepared.get(build);
  if (!byDatabase) prepared.set(build, (byDatabase = new WeakMap()));
  if (!byDatabase.has(db)) byDatabase.set(db, build(db));
  return byDatabase.get(db) as T;
}
