import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '@/db/audit';
import { auditCheckpointPath, readAuditChainHead, readAuditCheckpoint } from '@/db/audit-chain';
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
    const { pages, head, checkpointWarning } = await backupDatabase(live, destination);
    clearInterval(writing);
    expect(pages).toBeGreaterThan(0);
    // The copy's chain head is recorded beside the copy and, as the newest seen, beside the live database.
    const copied = openDatabase(destination);
    expect(head).toEqual(readAuditChainHead(copied.$client));
    copied.$client.close();
    expect(checkpointWarning).toBeNull();
    expect(readAuditCheckpoint(auditCheckpointPath(destination))).toMatchObject({ status: 'read', checkpoint: head! });
    expect(readAuditCheckpoint(auditCheckpointPath(live))).toMatchObject({ status: 'read', checkpoint: head! });
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
  const verify = (file: string) => spawnSync(path.join('node_modules', '.bin', 'tsx'), ['db/audit-verify.ts'], { env: { ...process.env, DATABASE_PATH: file }, encoding: 'utf8' });
  const copyOfLive = (name: string) => {
    const file = path.join(dir, name);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(live, file);
    return file;
  };

  it('prints every problem on its own line, classified, then a summary, and exits 1', () => {
    const tampered = copyOfLive('tampered.db');
    const copy = openDatabase(tampered);
    for (let n = 0; n < 5; n += 1) copy.transaction((tx) => appendAuditEntry(tx, { actorId: null, action: 'test.more', targetType: 'test', targetId: n, summary: {} }));
    const last = readAuditChainHead(copy.$client)!.lastId;
    // Edit an entry the only way the triggers allow: drop them first, as an attacker with file access would.
    copy.$client.exec(`DROP TRIGGER audit_log_refuse_update; DROP TRIGGER audit_log_refuse_delete;
      UPDATE audit_log SET action = 'edited' WHERE id = 1; DELETE FROM audit_log WHERE id = 3 OR id = ${last};`);
    copy.$client.close();
    const result = verify(tampered);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^#1 +edited +Entry #1's content does not match its hash/);
    expect(lines[1]).toMatch(/^#3 +deleted +Entry #3 is missing/);
    expect(lines[2]).toMatch(new RegExp(`^#${last} +tail-deleted +Entry #${last} is gone from the end of the log`));
    expect(lines[3]).toMatch(/^Audit log BROKEN: 3 problems: 1 edited, 1 deleted, 1 tail-deleted \(\d+ entries checked/);
    expect(fs.existsSync(auditCheckpointPath(tampered))).toBe(false); // a broken chain is not recorded as the head
  }, 30_000);

  it('records the head of an intact chain, and then finds entries deleted from the end with the id counter put back', () => {
    const file = copyOfLive('checkpointed.db');
    const first = verify(file);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Audit log intact');
    const copy = openDatabase(file);
    const head = readAuditChainHead(copy.$client)!;
    expect(first.stdout).toContain(`Checkpoint: entry #${head.lastId} recorded in ${auditCheckpointPath(file)}`);
    expect(readAuditCheckpoint(auditCheckpointPath(file))).toMatchObject({ status: 'read', checkpoint: head });
    copy.$client.exec(`DROP TRIGGER audit_log_refuse_delete; DELETE FROM audit_log WHERE id > ${head.lastId - 2};
      UPDATE sqlite_sequence SET seq = ${head.lastId - 2} WHERE name = 'audit_log';`);
    copy.$client.close();
    const second = verify(file);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`^#${head.lastId - 1}–#${head.lastId} +tail-deleted .*the checkpoint of .* recorded the chain up to #${head.lastId}`, 'm'));
    expect(readAuditCheckpoint(auditCheckpointPath(file))).toMatchObject({ checkpoint: head }); // left as the evidence
  }, 30_000);
});
