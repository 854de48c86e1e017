import type Database from 'better-sqlite3';

/**
 * Rows per INSERT statement in bulk writes. Each statement has a fixed cost (the call, and for AUTOINCREMENT
 * tables a read and write of sqlite_sequence): 50 rows a statement take a quarter less time than one each.
 */
const ROWS_PER_STATEMENT = 50;

/**
 * Prepared multi-row INSERTs of `columns` into `table`, an AUTOINCREMENT table: the function returned inserts its
 * rows in order, ROWS_PER_STATEMENT to a statement (the remainder one by one), and returns their ids in the same
 * order. `table` and `columns` are code, never input.
 */
export function multiRowInsert(sqlite: Database.Database, table: string, columns: readonly string[]): (rows: readonly (readonly unknown[])[]) => number[] {
  const prepare = (rows: number) =>
    sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`);
  const many = prepare(ROWS_PER_STATEMENT);
  const one = prepare(1);
  const parameters = new Array<unknown>(ROWS_PER_STATEMENT * columns.length);
  return (rows) => {
    const ids: number[] = [];
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      let p = 0;
      for (let r = i; r < i + ROWS_PER_STATEMENT; r += 1) for (const value of rows[r]!) parameters[p++] = value;
      if (p !== parameters.length) throw new Error(`Rows for ${table} must have ${columns.length} values each.`);
      // The rows of one statement get consecutive ids (AUTOINCREMENT, none given), the last one reported.
      const last = Number(many.run(parameters).lastInsertRowid);
      for (let k = ROWS_PER_STATEMENT - 1; k >= 0; k -= 1) ids.push(last - k);
    }
    for (; i < rows.length; i += 1) ids.push(Number(one.run(rows[i]!).lastInsertRowid));
    return ids;
  };
}
