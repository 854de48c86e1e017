import type { DatabaseOrTransaction } from './transaction';

const prepared = new WeakMap<object, WeakMap<object, unknown>>();

/**
 * The connection behind a handle: drizzle's session, shared by a database and every transaction opened on it
 * (drizzle does not declare the field). On better-sqlite3 (one connection, synchronous) a statement prepared once
 * runs inside or outside any of its transactions.
 */
const connectionOf = (db: DatabaseOrTransaction): object => (db as unknown as { session: object }).session;

/**
 * `build(db)` (a drizzle query ending in `.prepare()`, with `sql.placeholder`s for its parameters), built once
 * per connection and reused, whether first asked for by the database or a transaction. For the queries every
 * request runs (the signed-in person, the attestation path, the audit entry of every change): building and
 * compiling a query costs several times running it. `build` must be a module-level function, the key of the cache.
 */
export function prepareOnce<D extends DatabaseOrTransaction, T>(db: D, build: (db: D) => T): T {
  let byConnection = prepared.get(build);
  if (!byConnection) prepared.set(build, (byConnection = new WeakMap()));
  const connection = connectionOf(db);
  if (!byConnection.has(connection)) byConnection.set(connection, build(db));
  return byConnection.get(connection) as T;
}
