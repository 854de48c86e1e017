import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { peopleDueForPurge, purgeDepartedPeople, yearsBefore } from '@/db/commands/retention';
import { TEST_AS_OF, createSeededDatabase } from '../helpers/database';

const YEAR = 365.25 * 86_400_000;

describe('retention purge', () => {
  const db = createSeededDatabase();
  const sqlite = db.$client;
  const all = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
  sqlite.prepare('UPDATE organisation SET retention_years = 3').run();
  // Three people with devices: one left four years ago, one left a year ago, one is still here.
  const [longGone, recent, current] = all<{ id: number; email: string }>(
    "SELECT u.id, u.email FROM users u WHERE u.active = 1 AND u.role = 'staff' AND EXISTS (SELECT 1 FROM devices d WHERE d.owner_id = u.id) ORDER BY u.id LIMIT 3",
  );
  const leave = (id: number, yearsAgo: number) => sqlite.prepare('UPDATE users SET active = 0, deactivated_at = ? WHERE id = ?').run(TEST_AS_OF.getTime() - yearsAgo * YEAR, id);
  leave(longGone!.id, 4);
  leave(recent!.id, 1);
  const attestationsBefore = all('SELECT * FROM attestations ORDER BY id');
  const devicesOf = (id: number) => one<{ n: number }>('SELECT count(*) AS n FROM devices WHERE owner_id = ?', id).n;
  const recentDevices = devicesOf(recent!.id);

  it('finds only people who left longer ago than the retention period', () => {
    expect(peopleDueForPurge(db, { now: TEST_AS_OF }).map((p) => p.id)).toContain(longGone!.id);
    expect(peopleDueForPurge(db, { now: TEST_AS_OF }).map((p) => p.id)).not.toContain(recent!.id);
  });

  it("erases their name, e-mail, sign-in and devices, audited, and keeps the signed records", () => {
    const outcome = purgeDepartedPeople(db, { now: TEST_AS_OF, actorId: null });
    expect(outcome.purged).toBeGreaterThanOrEqual(1);
    const person = one<Record<string, unknown>>('SELECT * FROM users WHERE id = ?', longGone!.id);
    expect(person).toMatchObject({ name: `Former member ${longGone!.id}`, email: `purged-${longGone!.id}@purged.invalid`, password_hash: null, sso_subject: null, job_title: null, purged_at: TEST_AS_OF.getTime() });
    expect(JSON.stringify(all('SELECT * FROM users'))).not.toContain(longGone!.email);
    expect(devicesOf(longGone!.id)).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM reminders WHERE user_id = ?', longGone!.id).n).toBe(0);
    expect(devicesOf(recent!.id)).toBe(recentDevices);
    expect(one<{ email: string }>('SELECT email FROM users WHERE id = ?', current!.id).email).toBe(current!.email);
    expect(all('SELECT * FROM attestations ORDER BY id')).toEqual(attestationsBefore);
    const entry = one<{ action: string; summary: string }>("SELECT action, summary FROM audit_log WHERE action = 'retention.purge'");
    expect(JSON.parse(entry.summary).after.userIds).toContain(longGone!.id);
    expect(entry.summary).not.toContain(longGone!.email);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it('does nothing the second time', () => {
    const entries = one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n;
    expect(purgeDepartedPeople(db, { now: TEST_AS_OF, actorId: null }).purged).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n).toBe(entries);
  });

  it('counts whole calendar years, 29 February falling back to the 28th', () => {
    expect(yearsBefore(new Date('2026-11-23T12:00:00Z'), 7).toISOString()).toBe('2019-11-23T12:00:00.000Z');
    expect(yearsBefore(new Date('2028-02-29T00:00:00Z'), 1).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });
});
