/**
 * `npm run backup [-- --to FILE]`: a consistent copy of the live database, taken with SQLite's online
 * backup API while the app keeps serving (writers are not blocked for the whole copy). Default destination:
 * data/backups/onchannel-<UTC timestamp>.db. Beside the copy it writes the copy's audit chain head
 * (`<copy>.audit-head.json`, which `npm run restore` checks), and it moves the live database's checkpoint forward
 * to that head (never back: see advanceAuditCheckpoint). To restore: `npm run restore -- FILE` (db/restore.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { advanceAuditCheckpoint, auditCheckpointPath, readAuditChainHead, writeAuditCheckpoint } from './audit-chain';
import { openDatabase, resolveDatabasePath } from './connection';
import type { AuditChainHead } from '@/lib/audit/chain';

/** What a backup did: pages copied, the copy's audit head, and why the live checkpoint was left alone, if it was. */
export interface BackupResult {
  pages: number;
  head: AuditChainHead | null;
  checkpointWarning: string | null;
}

/**
 * Copies `source` to `destination` with the backup API, then records the copy's audit chain head beside the copy and
 * (moving forward only) beside `source`.
 */
export async function backupDatabase(source: string, destination: string): Promise<BackupResult> {
  if (fs.existsSync(destination)) throw new Error(`Refusing to overwrite ${destination}`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const db = openDatabase(source);
  let pages: number;
  try {
    pages = (await db.$client.backup(destination)).totalPages;
  } finally {
    db.$client.close();
  }
  // The head of what was copied, not of the live log, which went on meanwhile: a prefix of it.
  // Opened read-write: a read-only connection to a WAL file leaves its -wal and -shm files behind.
  const copy = new Database(destination, { fileMustExist: true });
  try {
    const head = readAuditChainHead(copy);
    if (head) writeAuditCheckpoint(auditCheckpointPath(destination), head);
    const { warning } = advanceAuditCheckpoint(auditCheckpointPath(source), copy);
    return { pages, head, checkpointWarning: warning };
  } finally {
    copy.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  const source = resolveDatabasePath();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const destination = path.resolve(values.to ?? path.join(path.dirname(source), 'backups', `onchannel-${stamp}.db`));
  const started = performance.now();
  backupDatabase(source, destination).then(
    ({ pages, head, checkpointWarning }) => {
      console.log(`Backed up ${source} to ${destination} (${pages} pages) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      if (head) console.log(`Audit chain head #${head.lastId} recorded in ${auditCheckpointPath(destination)}.`);
      if (checkpointWarning) {
        console.error(checkpointWarning);
        process.exitCode = 1;
      }
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
