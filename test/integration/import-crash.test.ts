import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { applyDeviceBatch, ImportAbandoned } from '@/db/commands/devices';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { prepareImport } from '@/lib/import';
import { loadSessionUser } from '@/db/queries/users';
import { seedDatabase } from '@/db/seed/seed';
import { crashImportCsv, processGone, until, writeLocked } from '../helpers/crash-import';
import { createSeededDatabase, TEST_AS_OF, TEST_PASSWORD_HASH } from '../helpers/database';
import { databaseDigest } from '../helpers/digest';

/**
 * A server killed (kill -9) in the middle of a device import. First the process applying the import is killed: the
 * child process below runs the real import into a database file, is stopped inside the import's transaction after
 * 25,000 of 30,000 rows, and is killed there. SQLite's write-ahead log must then give back the database exactly as
 * it was before the import — every table unchanged, integrity intact — and the next start must read and write as
 * usual. Then the server alone is killed while its background process applies an import: that process must roll the
 * import back and exit, rather than commit it for nobody. (test/e2e/import-crash.test.ts does the same to the built
 * app.)
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

describe('kill -9 of the server while its background process applies an import', () => {
  it('rolls the import back whole and ends the background process', async () => {
    const digest = () => {
      const sqlite = new Database(file, { readonly: true });
      const value = databaseDigest(sqlite);
      sqlite.close();
      return value;
    };
    const before = digest();
    // 60,000 rows: the import's transaction stays open for a second or more, time to kill the server in it.
    const server = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'helpers', 'background-parent.ts'), file, '60000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const serverExited = new Promise<NodeJS.Signals | number | null>((resolve) => server.on('exit', (code, signal) => resolve(signal ?? code)));
    const childPid = await new Promise<number>((resolve, reject) => {
      let stdout = '';
      server.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const pid = /^CHILD (\d+)$/m.exec(stdout)?.[1];
        if (pid) resolve(Number(pid));
      });
      void serverExited.then((how) => reject(new Error(`The stand-in server exited (${how}) before starting the import`)));
    });
    try {
      await until('the import holds the write lock', () => writeLocked(file));
      server.kill('SIGKILL');
      expect(await serverExited).toBe('SIGKILL');
      await until('the orphaned background process has exited', () => processGone(childPid), { timeoutMs: 20_000, everyMs: 50 });
    } finally {
      if (!processGone(childPid)) process.kill(childPid, 'SIGKILL');
    }

    expect(writeLocked(file)).toBe(false);
    const sqlite = new Database(file);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.prepare("SELECT count(*) AS n FROM devices WHERE external_id LIKE 'ORPHAN-%'").get()).toEqual({ n: 0 });
    expect(databaseDigest(sqlite)).toEqual(before);
    sqlite.close();
    const db = openDatabase(file);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    db.$client.close();
  }, 120_000);
});

describe('an import whose caller is gone', () => {
  const db = createSeededDatabase();
  const owners = (db.$client.prepare('SELECT email FROM users WHERE active = 1 ORDER BY id').all() as { email: string }[]).map((u) => u.email);
  const officer = db.$client.prepare("SELECT id FROM users WHERE role = 'officer' LIMIT 1").get() as { id: number };
  const prepared = prepareImport(new TextEncoder().encode(crashImportCsv(owners, 2_000, 'GONE')), { maxBytes: 10 * 1024 * 1024 });
  if (!prepared.ok) throw new Error(prepared.error);
  const batch = { source: 'csv', format: prepared.format, fileName: 'gone.csv', fileSha256: null, rowsRead: prepared.rowsRead, records: prepared.records, rowErrors: prepared.errors } as const;

  // Asked before each of the 4 chunks of 500 records and once before the commit: gone at the 3rd chunk, or only at the end.
  it.each([
    ['between two chunks of records', 3],
    ['after the last record, before the commit', 5],
  ])('is rolled back whole when the caller goes %s: no import record, device or audit entry', (_when, goneAtCall) => {
    const before = databaseDigest(db.$client);
    let calls = 0;
    const abandoned = () => (calls += 1) >= goneAtCall;
    expect(() => applyDeviceBatch(db, officer, batch, { now: TEST_AS_OF, abandoned })).toThrow(ImportAbandoned);
    expect(calls).toBe(goneAtCall);
    expect(databaseDigest(db.$client)).toEqual(before);
  });

  it('is applied as usual while the caller is there', () => {
    const result = applyDeviceBatch(db, officer, batch, { now: TEST_AS_OF, abandoned: () => false });
    expect(result).toMatchObject({ ok: true, created: 2_000 });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
