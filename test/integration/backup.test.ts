import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '@/db/audit';
import { backupDatabase } from '@/db/backup';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { seedDatabase } from '@/db/seed/seed';
import { TEST_AS_OF, TEST_PASSWORD_HASH } from '../helpers/database';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-backup-'));
const live = path.join(dir, 'live.db');
const db = openDatabase(live);
migrateDatabase(db);
seedDatabase(db.$client, { size: 'small', asOf: TEST_AS_OF, passwordHash: TEST_PASSWORD_HASH });
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = (file: string, table: string) => {
  const copy = openDatabase(file);
  const n = (copy.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  copy.$client.close();
  return n;
};

describe('online backup', () => {
  it('copies a consistent database while the app keeps writing, and the copy restores', async () => {
    const destination = path.join(dir, 'backups', 'copy.db');
    // Keep writing while the backup runs: the copy holds a consistent state, the live file goes on.
    const writing = setInterval(() => {
      db.transaction((tx) => appendAuditEntry(tx, { actorId: null, action: 'test.tick', targetType: 'test', targetId: null, summary: {} }));
    }, 1);
    const pages = await backupDatabase(live, destination);
    clearInterval(writing);
    expect(pages).toBeGreaterThan(0);
    expect(count(destination, 'users')).toBe(count(live, 'users'));
    expect(count(destination, 'attestations')).toBe(count(live, 'attestations'));

    // Restore: the copy opens, passes an integrity check, and its audit chain verifies.
    const restored = openDatabase(destination);
    expect(restored.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.$client.close();
    const verify = spawnSync(path.join('node_modules', '.bin', 'tsx'), ['db/audit-verify.ts'], { env: { ...process.env, DATABASE_PATH: destination }, encoding: 'utf8' });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('Audit log intact');
  }, 60_000);

  it('refuses to overwrite an existing file', async () => {
    const destination = path.join(dir, 'exists.db');
    fs.writeFileSync(destination, 'keep me');
    await expect(backupDatabase(live, destination)).rejects.toThrow(/Refusing to overwrite/);
    expect(fs.readFileSync(destination, 'utf8')).toBe('keep me');
  });
});

describe('npm run audit:verify', () => {
  it('reports the entry where the chain breaks and exits 1', () => {
    const tampered = path.join(dir, 'tampered.db');
    fs.copyFileSync(live, tampered);
    for (const suffix of ['-wal', '-shm']) if (fs.existsSync(live + suffix)) fs.copyFileSync(live + suffix, tampered + suffix);
    const copy = openDatabase(tampered);
    // Edit an entry the only way the triggers allow: drop them first, as an attacker with file access would.
    copy.$client.exec("DROP TRIGGER audit_log_refuse_update; UPDATE audit_log SET action = 'edited' WHERE id = 1;");
    copy.$client.close();
    const verify = spawnSync(path.join('node_modules', '.bin', 'tsx'), ['db/audit-verify.ts'], { env: { ...process.env, DATABASE_PATH: tampered }, encoding: 'utf8' });
    expect(verify.status).toBe(1);
    expect(verify.stderr).toContain('BROKEN at entry 1');
  }, 30_000);
});
