import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry, verifyAuditChain } from '@/db/audit';
import { auditCheckpointPath, readAuditCheckpoint } from '@/db/audit-chain';
import { backupDatabase } from '@/db/backup';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from '@/db/connection';
import { restoreDatabase } from '@/db/restore';
import { users } from '@/db/schema';
import { seedDatabase } from '@/db/seed/seed';
import { TEST_AS_OF, TEST_PASSWORD_HASH } from '../helpers/database';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-restore-'));
const live = path.join(dir, 'live', 'onchannel.db');
const backup = path.join(dir, 'backups', 'good.db');
const officer = 'officer@northbridge.example';

const nameOf = (file: string, email = officer) => {
  const db = openDatabase(file);
  try {
    return (db.$client.prepare('SELECT name FROM users WHERE email = ?').get(email) as { name: string }).name;
  } finally {
    db.$client.close();
  }
};
const auditCount = (file: string) => {
  const db = openDatabase(file);
  try {
    return (db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  } finally {
    db.$client.close();
  }
};
/** A change made after the backup: a renamed officer, recorded in the audit log. */
const changeLive = (name: string) => {
  const db = openDatabase(live);
  db.transaction(
    (tx) => {
      tx.update(users).set({ name }).where(eq(users.email, officer)).run();
      appendAuditEntry(tx, { actorId: null, action: 'user.update', targetType: 'user', targetId: null, summary: { after: { name } } });
    },
    { behavior: 'immediate' },
  );
  db.$client.close();
};
/** What a refused restore must leave alone: the live file's bytes and the folder's listing. */
const liveState = () => ({
  sha: crypto.createHash('sha256').update(fs.readFileSync(live)).digest('hex'),
  files: fs.readdirSync(path.dirname(live)).sort(),
});
/** A copy of the good backup, changed by `edit` (with the raw driver), to be refused. */
const variant = (name: string, edit: (sqlite: Database.Database) => void) => {
  const file = path.join(dir, 'backups', name);
  fs.copyFileSync(backup, file);
  const sqlite = new Database(file);
  edit(sqlite);
  sqlite.close();
  return file;
};

beforeAll(async () => {
  const db = openDatabase(live);
  migrateDatabase(db);
  seedDatabase(db.$client, { size: 'small', asOf: TEST_AS_OF, passwordHash: TEST_PASSWORD_HASH });
  db.$client.close();
  await backupDatabase(live, backup);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('restoring a backup', () => {
  it('puts the backup in place: later changes are gone, the chain verifies, the replaced database is kept', () => {
    const original = nameOf(live);
    const entries = auditCount(backup);
    changeLive('Changed After Backup');
    expect(auditCount(live)).toBe(entries + 1);

    const now = new Date('2026-12-01T10:00:00Z');
    const result = restoreDatabase({ backup, target: live, now });
    expect(result).toMatchObject({ target: live, previous: `${live}.before-restore-2026-12-01T10-00-00-000Z`, migrationsApplied: 0, auditEntries: entries, checkpointCompared: true });
    for (const stale of ['-wal', '-shm']) expect(fs.existsSync(live + stale)).toBe(false);
    expect(fs.readdirSync(path.dirname(live)).filter((name) => name.includes('.tmp'))).toEqual([]);

    expect(nameOf(live)).toBe(original);
    expect(auditCount(live)).toBe(entries);
    const restored = openDatabase(live);
    expect(restored.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(restored)).toMatchObject({ ok: true, entries, checkpoint: { status: 'read' } });
    restored.$client.close();
    // The checkpoint follows the restored chain; the one it replaced is kept with the replaced database.
    expect(readAuditCheckpoint(auditCheckpointPath(live))).toMatchObject({ checkpoint: { lastId: result.head!.lastId, hash: result.head!.hash } });
    expect(fs.existsSync(auditCheckpointPath(result.previous!))).toBe(true);

    // The replaced database, with the change, is whole and can itself be restored.
    expect(nameOf(result.previous!)).toBe('Changed After Backup');
    const previous = openDatabase(result.previous!);
    expect(verifyAuditChain(previous, { checkpointFile: null }).ok).toBe(true);
    previous.$client.close();
  });

  it('brings a backup from an older version up to date', () => {
    // A database made by a version one migration behind: the committed migrations but the last.
    const folder = path.join(dir, 'older-migrations');
    fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    journal.entries.pop();
    fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
    const older = path.join(dir, 'backups', 'older.db');
    const db = openDatabase(older);
    migrate(db, { migrationsFolder: folder });
    db.$client.close();
    const target = path.join(dir, 'elsewhere', 'fresh.db');
    expect(restoreDatabase({ backup: older, target })).toMatchObject({ previous: null, migrationsApplied: 1 });
  });

  it.each<[string, () => string, RegExp]>([
    ['a missing file', () => path.join(dir, 'backups', 'nowhere.db'), /The backup file .*nowhere\.db does not exist/],
    ['a folder', () => path.join(dir, 'backups'), /is not a file/],
    [
      'a file that is not SQLite',
      () => {
        const file = path.join(dir, 'backups', 'notes.db');
        fs.writeFileSync(file, 'name,email\nAda,ada@example.com\n');
        return file;
      },
      /notes\.db is not a SQLite database/,
    ],
    [
      'a database whose pages are garbled',
      () => {
        const file = path.join(dir, 'backups', 'corrupt.db');
        const bytes = fs.readFileSync(backup);
        // Garble the middle of the file, past the header page: the b-tree pages there no longer parse.
        bytes.fill(0x41, Math.floor(bytes.length / 3), Math.floor((bytes.length * 2) / 3));
        fs.writeFileSync(file, bytes);
        return file;
      },
      /corrupt\.db is not a readable SQLite database: database disk image is malformed/,
    ],
    [
      'a database with a damaged index',
      () => {
        const file = variant('damaged.db', () => {});
        const sqlite = new Database(file);
        const { rootpage } = sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_action_idx'").get() as { rootpage: number };
        sqlite.close();
        // The index's only page (a leaf) with its cells pointed out of range: the file opens, the check fails.
        const bytes = fs.readFileSync(file);
        const offset = (rootpage - 1) * bytes.readUInt16BE(16);
        bytes.fill(0x41, offset + 8, offset + 200);
        fs.writeFileSync(file, bytes);
        return file;
      },
      /damaged\.db fails SQLite's integrity check: Tree \d+ page \d+ cell 0: Offset \d+ out of range/,
    ],
    ['a SQLite database of something else', () => variant('other.db', (sqlite) => sqlite.exec('DROP TABLE __drizzle_migrations')), /is not an Onchannel database: it has no __drizzle_migrations table/],
    ['a database missing a table', () => variant('partial.db', (sqlite) => sqlite.exec('DROP TABLE api_tokens')), /it lacks the tables api_tokens/],
    [
      'a backup from a newer version',
      () => variant('newer.db', (sqlite) => sqlite.exec(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('${'b'.repeat(64)}', 4102444800000)`)),
      /was made by another version of Onchannel: its migration of 2100-01-01T00:00:00.000Z is not one of this version's \d+/,
    ],
    [
      'a backup whose audit log was edited',
      () => variant('tampered.db', (sqlite) => sqlite.exec("DROP TRIGGER audit_log_refuse_update; UPDATE audit_log SET action = 'forged' WHERE id = 1")),
      /The audit log in .*tampered\.db does not verify \(1 problem: 1 edited\); first: #1 edited/,
    ],
    [
      'a backup cut short since its checkpoint',
      () => {
        const file = variant('short.db', (sqlite) => sqlite.exec("DROP TRIGGER audit_log_refuse_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log); DELETE FROM sqlite_sequence WHERE name = 'audit_log'"));
        fs.copyFileSync(auditCheckpointPath(backup), auditCheckpointPath(file));
        return file;
      },
      /does not verify \(1 problem: 1 tail-deleted\)/,
    ],
    ['the live database itself', () => live, /is the database itself, not a backup of it/],
  ])('refuses %s, naming the problem, and leaves the live database as it was', (_name, file, message) => {
    const before = liveState();
    expect(() => restoreDatabase({ backup: file(), target: live })).toThrow(message);
    expect(liveState()).toEqual(before);
  });

  it('refuses while the app has the database open', () => {
    const app = openDatabase(live);
    app.$client.prepare('SELECT count(*) FROM users').get();
    try {
      const before = liveState();
      expect(() => restoreDatabase({ backup, target: live })).toThrow(/stop the app before restoring/);
      expect(liveState()).toEqual(before);
    } finally {
      app.$client.close();
    }
  });
});

describe('npm run restore', () => {
  const restore = (...args: string[]) =>
    spawnSync(path.join('node_modules', '.bin', 'tsx'), ['db/restore.ts', ...args], { env: { ...process.env, DATABASE_PATH: live }, encoding: 'utf8' });

  it('restores the backup it is given, and says what it did', () => {
    changeLive('Changed Again');
    const result = restore(backup);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/The database it replaced is kept as .*before-restore-/);
    expect(result.stdout).toMatch(/Restored .*good\.db to .*onchannel\.db: integrity checked, audit log verified \(\d+ entries, matching the checkpoint taken with the backup\)\. Start the app\./);
    expect(nameOf(live)).not.toBe('Changed Again');
  }, 30_000);

  it('exits 1 with the reason when refused', () => {
    const result = restore(path.join(dir, 'missing.db'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Restore refused: The backup file .*missing\.db does not exist\. .*onchannel\.db was not changed\./);
  }, 30_000);
});
