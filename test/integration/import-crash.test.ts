import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { loadSessionUser } from '@/db/queries/users';
import { seedDatabase } from '@/db/seed/seed';
import { TEST_AS_OF, TEST_PASSWORD_HASH } from '../helpers/database';
import { databaseDigest } from '../helpers/digest';

/**
 * A server killed (kill -9) in the middle of a device import: the child process below runs the real import into a
 * database file, is stopped inside the import's transaction after 25,000 of 30,000 rows, and is killed there.
 * SQLite's write-ahead log must then give back the database exactly as it was before the import — every table
 * unchanged, integrity intact — and the next start must read and write as usual.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-crash-'));
const file = path.join(dir, 'crash.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the import child; resolves with its stdout lines once `until` matches a line (or it exits). */
function runImport(mode: 'pause' | 'run', until: RegExp) {
  // One process (node with tsx as a loader), not the tsx wrapper: SIGKILL must hit the process doing the import.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'helpers', 'import-child.ts'), file, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('close', (code, signal) => resolve(signal ?? code)));
  const reached = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => until.test(l));
      if (line) resolve(line);
    });
    void exited.then((how) => reject(new Error(`The import child exited (${how}) before "${until}":\n${stderr}`)));
  });
  return { child, reached, exited };
}

const count = (sqlite: Database.Database, table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('kill -9 during a device import', () => {
  const seeded = openDatabase(file);
  migrateDatabase(seeded);
  seedDatabase(seeded.$client, { size: 'small', asOf: TEST_AS_OF, passwordHash: TEST_PASSWORD_HASH });
  seeded.$client.close(); // checkpoints: the WAL is empty before the import starts
  const before = (() => {
    const sqlite = new Database(file, { readonly: true });
    const digest = databaseDigest(sqlite);
    sqlite.close();
    return digest;
  })();

  it('leaves the database exactly as it was before the import', async () => {
    const { child, reached, exited } = runImport('pause', /^MID$/);
    try {
      await reached;
      // The child is inside the import's transaction: it holds the write lock, and its uncommitted pages
      // have spilled into the write-ahead log.
      const probe = new Database(file, { timeout: 0 });
      expect(() => probe.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
      probe.close();
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(100_000);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(100_000);

    const sqlite = new Database(file);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(databaseDigest(sqlite)).toEqual(before);
    expect(sqlite.prepare("SELECT count(*) AS n FROM devices WHERE external_id LIKE 'CRASH-%'").get()).toEqual({ n: 0 });
    sqlite.close();
  }, 120_000);

  it('then starts as the app does (migrations, a signed-in read) and takes the same import whole', async () => {
    const db = openDatabase(file);
    migrateDatabase(db);
    const officer = db.$client.prepare("SELECT id FROM users WHERE email = 'officer@northbridge.example'").get() as { id: number };
    expect(loadSessionUser(db, { userId: officer.id })).toMatchObject({ role: 'officer' });
    const imports = count(db.$client, 'imports');
    db.$client.close();

    const { reached, exited } = runImport('run', /^DONE /);
    const done = JSON.parse((await reached).slice('DONE '.length)) as { created: number };
    expect(await exited).toBe(0);
    expect(done.created).toBe(30_000);

    const sqlite = new Database(file, { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(sqlite, 'imports')).toBe(imports + 1);
    expect(sqlite.prepare("SELECT count(*) AS n FROM devices WHERE external_id LIKE 'CRASH-%'").get()).toEqual({ n: 30_000 });
    sqlite.close();
  }, 120_000);
});
