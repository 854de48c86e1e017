import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAuditEntry, verifyAuditChain } from '@/db/audit';
import { advanceAuditCheckpoint, auditCheckpointPath, writeAuditCheckpoint } from '@/db/audit-chain';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { policySettings } from '@/db/schema';
import { GENESIS_HASH, auditEntryHash } from '@/lib/audit/hash';
import { createSeededDatabase, createTestDatabase } from '../helpers/database';

const at = new Date('2026-11-23T10:00:00Z');
const count = (db: ReturnType<typeof createTestDatabase>, table: string) =>
  (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('appendAuditEntry', () => {
  const db = createTestDatabase();

  it('starts the chain from the genesis hash and links each entry to the one before', () => {
    const first = db.transaction((tx) =>
      appendAuditEntry(tx, { actorId: null, action: 'test.first', targetType: 'test', targetId: 1, summary: { after: { a: 1 } }, at }),
    );
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(
      auditEntryHash(GENESIS_HASH, { at, actorId: null, action: 'test.first', targetType: 'test', targetId: '1', summary: { after: { a: 1 } } }),
    );
    const second = db.transaction((tx) =>
      appendAuditEntry(tx, { actorId: null, action: 'test.second', targetType: 'test', targetId: null, summary: { note: 'x', when: at } }),
    );
    expect(second.prevHash).toBe(first.hash);
    expect(second.targetId).toBeNull();
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: 2, findings: [] });
  });

  it('is rolled back with the change it records', () => {
    const before = { audit: count(db, 'audit_log'), settings: count(db, 'policy_settings') };
    expect(() =>
      db.transaction((tx) => {
        tx.insert(policySettings).values({ teamId: null, parameters: {}, effectiveFrom: at, note: 'will roll back' }).run();
        appendAuditEntry(tx, { actorId: null, action: 'policy.change', targetType: 'policy_settings', targetId: 1, summary: {}, at });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect({ audit: count(db, 'audit_log'), settings: count(db, 'policy_settings') }).toEqual(before);
  });

  it.each([
    ['a password', { password: 'hunter2' }],
    ['a nested token hash', { after: { tokens: [{ tokenHash: 'abc' }] } }],
    ['a secret in any case', { before: { Secret: 's' } }],
  ])('refuses a summary holding %s and writes nothing', (_name, summary) => {
    const before = count(db, 'audit_log');
    expect(() => db.transaction((tx) => appendAuditEntry(tx, { actorId: null, action: 'x', targetType: 'x', targetId: null, summary, at }))).toThrow(/secrets/);
    expect(count(db, 'audit_log')).toBe(before);
  });

  it('cannot be edited: the database refuses updates and deletions', () => {
    expect(() => db.$client.prepare("UPDATE audit_log SET action = 'forged'").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('verifyAuditChain', () => {
  /** A fresh log of `n` entries, ids 1…n. */
  const logOf = (n: number, db = createTestDatabase()) => {
    for (let i = 1; i <= n; i += 1) {
      db.transaction((tx) => appendAuditEntry(tx, { actorId: null, action: `test.${i}`, targetType: 'test', targetId: i, summary: { n: i }, at: new Date(at.getTime() + i * 1000) }), { behavior: 'immediate' });
    }
    return db;
  };
  /** Changes the log the only way the triggers allow: drop them first, as an intruder with the file would. */
  const tamper = (db: ReturnType<typeof createTestDatabase>, sqlText: string) => {
    db.$client.exec('DROP TRIGGER IF EXISTS audit_log_refuse_update; DROP TRIGGER IF EXISTS audit_log_refuse_delete;');
    db.$client.exec(sqlText);
  };
  const hashOf = (db: ReturnType<typeof createTestDatabase>, id: number) => (db.$client.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string }).hash;
  const found = (db: ReturnType<typeof createTestDatabase>) => verifyAuditChain(db).findings.map((f) => [f.kind, f.id, f.toId ?? f.id]);

  it('accepts the seeded chain and continues it', () => {
    const db = createSeededDatabase();
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: 1, findings: [], findingCount: 0 });
    db.transaction((tx) => appendAuditEntry(tx, { actorId: null, action: 'test.next', targetType: 'test', targetId: null, summary: {}, at }));
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: 2, head: { lastId: 2 } });
  });

  it('finds an entry edited behind the triggers’ back', () => {
    const db = logOf(5);
    tamper(db, `UPDATE audit_log SET summary = '{"n":20}' WHERE id = 2`);
    const check = verifyAuditChain(db);
    expect(check).toMatchObject({ ok: false, entries: 5, findingCount: 1, counts: { edited: 1 } });
    expect(check.findings).toEqual([{ kind: 'edited', id: 2, explanation: expect.stringContaining('content does not match its hash') }]);
  });

  it('finds an entry edited and re-hashed', () => {
    const db = logOf(5);
    const forged = auditEntryHash(hashOf(db, 2), { at, actorId: null, action: 'forged', targetType: 'test', targetId: '3', summary: {} });
    tamper(db, `UPDATE audit_log SET action = 'forged', at = ${at.getTime()}, summary = '{}', hash = '${forged}' WHERE id = 3`);
    expect(found(db)).toEqual([['edited', 3, 3]]);
  });

  it('finds an entry inserted in the middle, the later ids moved up to make room', () => {
    const db = logOf(5);
    const content = { at, actorId: null, action: 'forged', targetType: 'test', targetId: null, summary: {} };
    tamper(
      db,
      `UPDATE audit_log SET id = id + 1000 WHERE id > 2; UPDATE audit_log SET id = id - 999 WHERE id > 1000;
       INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, summary, prev_hash, hash)
       VALUES (3, ${at.getTime()}, NULL, 'forged', 'test', NULL, '{}', '${hashOf(db, 2)}', '${auditEntryHash(hashOf(db, 2), content)}')`,
    );
    const check = verifyAuditChain(db);
    expect(check.findings).toEqual([{ kind: 'inserted', id: 3, explanation: 'Entry #3 was inserted: #4 links past it, to #2.' }]);
    expect(check.entries).toBe(6);
  });

  it('finds entries deleted in the middle, each gap once', () => {
    const db = logOf(8);
    tamper(db, 'DELETE FROM audit_log WHERE id = 3 OR id IN (5, 6)');
    const check = verifyAuditChain(db);
    expect(check.findings.map((f) => [f.kind, f.id, f.toId ?? f.id])).toEqual([['deleted', 3, 3], ['deleted', 5, 6]]);
    expect(check.findings[1]!.explanation).toBe('Entries #5–#6 are missing: #7 links to a hash no entry has.');
  });

  it('finds entries deleted from the end by SQLite’s id counter', () => {
    const db = logOf(6);
    tamper(db, 'DELETE FROM audit_log WHERE id > 4');
    expect(verifyAuditChain(db).findings).toEqual([
      { kind: 'tail-deleted', id: 5, toId: 6, explanation: 'Entries #5–#6 are gone from the end of the log: it ends at #4, but SQLite has given out ids up to #6.' },
    ]);
  });

  it('reports every kind at once, in id order', () => {
    const db = logOf(10);
    tamper(db, `UPDATE audit_log SET action = 'x' WHERE id = 2; DELETE FROM audit_log WHERE id IN (5, 9, 10);`);
    expect(found(db)).toEqual([['edited', 2, 2], ['deleted', 5, 5], ['tail-deleted', 9, 10]]);
  });

  describe('with the checkpoint beside the database file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-audit-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const fileLog = (name: string, n: number) => {
      const db = openDatabase(path.join(dir, name));
      migrateDatabase(db);
      return logOf(n, db);
    };

    it('finds entries deleted from the end when the id counter was put back too', () => {
      const db = fileLog('tail.db', 6);
      expect(advanceAuditCheckpoint(auditCheckpointPath(db.$client.name), db.$client)).toMatchObject({ written: true, head: { lastId: 6 } });
      tamper(db, "DELETE FROM audit_log WHERE id > 3; UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_log';");
      expect(verifyAuditChain(db, { checkpointFile: null }).ok).toBe(true); // the counter alone no longer shows it
      const check = verifyAuditChain(db);
      expect(check.findings).toEqual([{ kind: 'tail-deleted', id: 4, toId: 6, explanation: expect.stringMatching(/ends at #3, but the checkpoint of .* recorded the chain up to #6/) }]);
      expect(check.checkpoint).toMatchObject({ status: 'read', file: auditCheckpointPath(db.$client.name) });
      // The checkpoint is never moved back to hide it.
      expect(advanceAuditCheckpoint(auditCheckpointPath(db.$client.name), db.$client)).toMatchObject({ written: false, warning: expect.stringContaining('recorded it up to #6') });
      expect(verifyAuditChain(db).ok).toBe(false);
      db.$client.close();
    });

    it('finds a chain rewritten up to the checkpoint', () => {
      const db = fileLog('rewritten.db', 3);
      const file = auditCheckpointPath(db.$client.name);
      writeAuditCheckpoint(file, { lastId: 3, hash: 'a'.repeat(64) });
      expect(verifyAuditChain(db).findings).toEqual([{ kind: 'edited', id: 3, explanation: expect.stringContaining('not the one the checkpoint') }]);
      db.$client.close();
    });

    it('fails, naming the file, when the checkpoint is there but not a checkpoint', () => {
      const db = fileLog('garbled.db', 2);
      const file = auditCheckpointPath(db.$client.name);
      fs.writeFileSync(file, '{"lastId": "two"}');
      const check = verifyAuditChain(db);
      expect(check).toMatchObject({ ok: false, findingCount: 0, checkpoint: { status: 'unreadable', error: expect.stringContaining(`${file} is not an audit checkpoint: lastId`) } });
      fs.writeFileSync(file, 'not json');
      expect(verifyAuditChain(db).checkpoint).toMatchObject({ status: 'unreadable', error: `${file} is not JSON` });
      db.$client.close();
    });
  });
});
