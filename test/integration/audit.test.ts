import { describe, expect, it } from 'vitest';
import { appendAuditEntry, verifyAuditChain } from '@/db/audit';
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
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 2 });
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
  it('accepts the seeded chain and continues it', () => {
    const db = createSeededDatabase();
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: 1 });
    db.transaction((tx) => appendAuditEntry(tx, { actorId: null, action: 'test.next', targetType: 'test', targetId: null, summary: {}, at }));
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 2 });
  });

  it('finds an entry altered behind the triggers’ back', () => {
    const db = createTestDatabase();
    for (const n of [1, 2, 3]) {
      db.transaction((tx) => appendAuditEntry(tx, { actorId: null, action: `test.${n}`, targetType: 'test', targetId: n, summary: { n }, at }));
    }
    db.$client.exec('DROP TRIGGER audit_log_refuse_update');
    db.$client.prepare('UPDATE audit_log SET summary = ? WHERE id = 2').run(JSON.stringify({ n: 20 }));
    expect(verifyAuditChain(db)).toEqual({ ok: false, brokenAtId: 2, entries: 3 });
  });
});
