/**
 * `npm run restore -- FILE`: replaces the database (DATABASE_PATH, by default data/onchannel.db) with a backup taken
 * by `npm run backup`. Stop the app first; start it again afterwards.
 *
 * The backup is checked on a copy made beside the database before anything is replaced: SQLite's integrity check, an
 * Onchannel database whose migrations are all known to this version (older ones are brought up to date on the copy,
 * as start-up would), every table the app expects, and an audit chain that verifies (against the backup's own
 * checkpoint when it has one). Then the live database is kept as `<name>.before-restore-<timestamp>` (a hard link,
 * so nothing is copied), its stale -wal and -shm files are removed, and the flushed copy is renamed over it: at every
 * moment the database path holds a complete database. A refused backup changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { formatIdRange, summariseAuditFindings, type AuditChainHead } from '@/lib/audit/chain';
import { auditCheckpointPath, verifyAuditChain, writeAuditCheckpoint } from './audit-chain';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, resolveDatabasePath, type AppDatabase } from './connection';

/** A backup that cannot be restored, or a database that cannot be replaced now; the message names the problem. */
export class RestoreError extends Error {}

/** What a restore did. */
export interface RestoreResult {
  target: string;
  /** Where the replaced database was kept; null when there was none. */
  previous: string | null;
  /** Migrations the backup lacked, applied to it before it was put in place. */
  migrationsApplied: number;
  auditEntries: number;
  head: AuditChainHead | null;
  /** Whether the audit chain was compared with a checkpoint taken with the backup. */
  checkpointCompared: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const MIGRATIONS_TABLE = '__drizzle_migrations';

const removeIfThere = (file: string) => fs.rmSync(file, { force: true });
const journalFiles = (file: string) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuses a path that is not there, not a file, or does not start with SQLite's header, before anything is copied. */
function assertSqliteFile(backup: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(backup);
  } catch {
    throw new RestoreError(`The backup file ${backup} does not exist`);
  }
  if (!stat.isFile()) throw new RestoreError(`The backup ${backup} is not a file`);
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(backup, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) throw new RestoreError(`${backup} is not a SQLite database (it does not start with the SQLite file header)`);
}

const tableNames = (sqlite: Database.Database) =>
  new Set(sqlite.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all().map((row) => row.name));

/** The tables a database migrated by this version has. */
function expectedTables(): Set<string> {
  const fresh = openDatabase(':memory:');
  try {
    migrateDatabase(fresh);
    return tableNames(fresh.$client);
  } finally {
    fresh.$client.close();
  }
}

/** Checks the copy is an Onchannel database of this version or older, and brings it up to date; returns migrations applied. */
function checkAndMigrate(copy: AppDatabase, backup: string): number {
  const sqlite = copy.$client;
  const integrity = (sqlite.pragma('integrity_check(100)') as { integrity_check: string }[])
    .flatMap((row) => row.integrity_check.split('\n'))
    .filter((line) => line !== 'ok' && !line.startsWith('***'));
  if (integrity.length > 0) {
    const more = integrity.length > 3 ? ` (and ${integrity.length - 3} more)` : '';
    throw new RestoreError(`${backup} fails SQLite's integrity check: ${integrity.slice(0, 3).join('; ')}${more}`);
  }
  if (!tableNames(sqlite).has(MIGRATIONS_TABLE)) throw new RestoreError(`${backup} is not an Onchannel database: it has no ${MIGRATIONS_TABLE} table`);
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const applied = sqlite.prepare<[], { hash: string; created_at: number }>(`SELECT hash, created_at FROM ${MIGRATIONS_TABLE} ORDER BY created_at`).all();
  for (const migration of applied) {
    if (!known.some((m) => m.hash === migration.hash && m.folderMillis === Number(migration.created_at))) {
      throw new RestoreError(
        `${backup} was made by another version of Onchannel: its migration of ${new Date(Number(migration.created_at)).toISOString()} is not one of this version's ${known.length}; restore it with the version that made it`,
      );
    }
  }
  migrateDatabase(copy);
  const present = tableNames(sqlite);
  const missing = [...expectedTables()].filter((name) => !present.has(name)).sort();
  if (missing.length > 0) throw new RestoreError(`${backup} is not a complete Onchannel database: it lacks the tables ${missing.join(', ')}`);
  return known.length - applied.length;
}

/** Verifies the copy's audit chain, against the checkpoint taken with the backup when there is one. */
function checkAuditChain(copy: AppDatabase, backup: string) {
  const checkpointFile = auditCheckpointPath(backup);
  const compared = fs.existsSync(checkpointFile);
  const check = verifyAuditChain(copy, { checkpointFile: compared ? checkpointFile : null, maxFindings: 1 });
  if (check.checkpoint.status === 'unreadable') throw new RestoreError(`The backup's audit checkpoint is unusable: ${check.checkpoint.error}`);
  if (!check.ok) {
    const first = check.findings[0]!;
    throw new RestoreError(
      `The audit log in ${backup} does not verify (${summariseAuditFindings(check)}); first: ${formatIdRange(first.id, first.toId)} ${first.kind}: ${first.explanation}`,
    );
  }
  return { check, compared };
}

/**
 * Checkpoints the live database's WAL into the file and makes sure no other connection has it open: SQLite removes
 * the -wal file when its last connection closes, so one still there after ours closed belongs to a running app.
 */
function quiesce(target: string): void {
  const sqlite = new Database(target, { fileMustExist: true });
  try {
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result && result.busy) throw new RestoreError(`${target} is in use: stop the app before restoring`);
  } finally {
    sqlite.close();
  }
  if (fs.existsSync(`${target}-wal`)) throw new RestoreError(`${target} is still open in another process: stop the app before restoring`);
}

/** Replaces `target` with the checked backup (see the module comment). Throws RestoreError, changing nothing, if refused. */
export function restoreDatabase({ backup, target, now = new Date() }: { backup: string; target: string; now?: Date }): RestoreResult {
  const source = path.resolve(backup);
  const destination = path.resolve(target);
  if (source === destination) throw new RestoreError(`${source} is the database itself, not a backup of it`);
  assertSqliteFile(source);
  fs.mkdirSync(path.dirname(destination), { recursive: true });

  const temporary = path.join(path.dirname(destination), `.${path.basename(destination)}.restore-${process.pid}.tmp`);
  const cleanUp = () => [temporary, ...journalFiles(temporary)].forEach(removeIfThere);
  let migrationsApplied: number;
  let audit: ReturnType<typeof checkAuditChain>;
  try {
    fs.copyFileSync(source, temporary);
    // A copy of a live file may carry committed pages in its WAL: take it along so that SQLite applies it.
    if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${temporary}-wal`);
    let copy: AppDatabase;
    try {
      copy = openDatabase(temporary);
    } catch (error) {
      throw new RestoreError(`${source} is not a readable SQLite database: ${(error as Error).message}`);
    }
    try {
      migrationsApplied = checkAndMigrate(copy, source);
      audit = checkAuditChain(copy, source);
    } catch (error) {
      if (error instanceof RestoreError) throw error;
      throw new RestoreError(`${source} is corrupt: ${(error as Error).message}`);
    } finally {
      copy.$client.close();
    }
    journalFiles(temporary).forEach(removeIfThere);
    fsyncPath(temporary);
  } catch (error) {
    cleanUp();
    throw error;
  }

  let previous: string | null = null;
  try {
    if (fs.existsSync(destination)) {
      quiesce(destination);
      const kept = `${destination}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      if (fs.existsSync(kept)) throw new RestoreError(`${kept} already exists: it is not replaced`);
      try {
        fs.linkSync(destination, kept);
      } catch {
        fs.copyFileSync(destination, kept, fs.constants.COPYFILE_EXCL);
      }
      previous = kept;
      const checkpoint = auditCheckpointPath(destination);
      if (fs.existsSync(checkpoint)) fs.copyFileSync(checkpoint, auditCheckpointPath(previous));
    }
  } catch (error) {
    cleanUp();
    if (previous) [previous, auditCheckpointPath(previous)].forEach(removeIfThere);
    throw error;
  }
  // Stale journal files would be applied to the restored file on its next open.
  journalFiles(destination).forEach(removeIfThere);
  fs.renameSync(temporary, destination);
  fsyncPath(path.dirname(destination));

  // Restoring is the one sanctioned rewind of the chain: the checkpoint follows it (the old one is kept with `previous`).
  const head = audit.check.head;
  if (head) writeAuditCheckpoint(auditCheckpointPath(destination), head, now);
  else removeIfThere(auditCheckpointPath(destination));
  return { target: destination, previous, migrationsApplied, auditEntries: audit.check.entries, head, checkpointCompared: audit.compared };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { positionals } = parseArgs({ allowPositionals: true });
  const target = resolveDatabasePath();
  if (positionals.length !== 1) {
    console.error('Usage: npm run restore -- BACKUP_FILE   (stop the app first; restores over DATABASE_PATH)');
    process.exitCode = 1;
  } else {
    try {
      const result = restoreDatabase({ backup: positionals[0]!, target });
      if (result.previous) console.log(`The database it replaced is kept as ${result.previous}.`);
      const migrated = result.migrationsApplied > 0 ? `, ${result.migrationsApplied} migrations applied` : '';
      const compared = result.checkpointCompared ? ', matching the checkpoint taken with the backup' : '';
      console.log(`Restored ${path.resolve(positionals[0]!)} to ${result.target}: integrity checked${migrated}, audit log verified (${result.auditEntries} entries${compared}). Start the app.`);
    } catch (error) {
      console.error(`Restore refused: ${error instanceof Error ? error.message : String(error)}. ${target} was not changed.`);
      process.exitCode = 1;
    }
  }
}
