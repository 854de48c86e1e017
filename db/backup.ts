/**
 * `npm run backup [-- --to FILE]`: a consistent copy of the live database, taken with SQLite's online
 * backup API while the app keeps serving (writers are not blocked for the whole copy). Default destination:
 * data/backups/onchannel-<UTC timestamp>.db. To restore: stop the app, replace the database file (and
 * remove its -wal and -shm files) with the backup, start the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, resolveDatabasePath } from './connection';

/** Copies `source` to `destination` with the backup API; returns the number of pages copied. */
export async function backupDatabase(source: string, destination: string): Promise<number> {
  if (fs.existsSync(destination)) throw new Error(`Refusing to overwrite ${destination}`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const db = openDatabase(source);
  try {
    const result = await db.$client.backup(destination);
    return result.totalPages;
  } finally {
    db.$client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  const source = resolveDatabasePath();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const destination = path.resolve(values.to ?? path.join(path.dirname(source), 'backups', `onchannel-${stamp}.db`));
  const started = performance.now();
  backupDatabase(source, destination).then(
    (pages) => console.log(`Backed up ${source} to ${destination} (${pages} pages) in ${((performance.now() - started) / 1000).toFixed(1)} s.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
