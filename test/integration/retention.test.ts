import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { applyExceptionGrant } from '@/db/commands/exceptions';
import { applyHrImport } from '@/db/commands/hr-import';
import { setPersonActive, updatePerson } from '@/db/commands/people';
import { peopleDueForPurge, purgeDepartedPeople, yearsBefore } from '@/db/commands/retention';
import { completeSsoSignIn } from '@/db/commands/sign-in';
import { listAttestationHistory, verifyAttestationChain } from '@/db/queries/attestations';
import { listAuditEntries } from '@/db/queries/audit-log';
import { ERASED } from '@/lib/audit/personal';
import { prepareHrImport } from '@/lib/import/hr';
import { NO_AUDIT_FILTERS } from '@/lib/validation/audit';
import { grantExceptionSchema } from '@/lib/validation/exceptions';
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

describe('retention purge of what the append-only records say about a person', () => {
  const db = createSeededDatabase();
  const sqlite = db.$client;
  const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
  const now = TEST_AS_OF;
  const admin = { id: one<{ id: number }>("SELECT id FROM users WHERE email = 'admin@northbridge.example'").id };
  const officer = { id: one<{ id: number }>("SELECT id FROM users WHERE email = 'officer@northbridge.example'").id };
  // A finance staff member with signed attestations, whose seeded name no one else has.
  const person = one<{ id: number; email: string; name: string; team: string }>(
    `SELECT u.id, u.email, u.name, t.name AS team FROM users u JOIN team_members m ON m.user_id = u.id AND m.left_at IS NULL JOIN teams t ON t.id = m.team_id
     WHERE u.role = 'staff' AND u.active = 1 AND t.policy_pack_id = 'finance' AND EXISTS (SELECT 1 FROM attestations a WHERE a.user_id = u.id)
       AND (SELECT count(*) FROM users o WHERE o.name = u.name) = 1 ORDER BY u.id LIMIT 1`,
  );
  const other = one<{ id: number; name: string }>('SELECT u.id, u.name FROM users u WHERE u.id <> ? AND EXISTS (SELECT 1 FROM attestations a WHERE a.user_id = u.id) ORDER BY u.id LIMIT 1', person.id);
  const renamed = { email: 'wilhelmina.oduya-brandt@northbridge.example', name: 'Wilhelmina Oduya-Brandt', jobTitle: 'Private client adviser' };
  const ssoSubject = 'idp-subject-wilhelmina-0477';
  const personalValues = [person.email, person.name, renamed.email, renamed.name, renamed.jobTitle, 'Senior private client adviser', ssoSubject];
  const auditAboutPerson = () => listAuditEntries(db, { filters: { ...NO_AUDIT_FILTERS, target: { type: 'user', id: String(person.id) } }, limit: 500 }).rows;

  it('records the person through every command that names them, readable while they are here', () => {
    expect(updatePerson(db, admin, { userId: person.id, ...renamed }, { now })).toMatchObject({ ok: true });
    const hrFile = `E-mail,Full name,Department,Job title\n${renamed.email},${renamed.name},${person.team},Senior private client adviser\n`;
    const prepared = prepareHrImport(new TextEncoder().encode(hrFile));
    if (!prepared.ok) throw new Error(prepared.error);
    const hr = applyHrImport(db, admin, {
      fileName: 'hr.csv', fileSha256: 'b'.repeat(64), rowsRead: prepared.rowsRead, records: prepared.records, rowErrors: prepared.errors,
      hasManagerColumn: false, columns: prepared.columns, mode: 'partial', deactivateMissing: false,
    }, { now });
    expect(hr).toMatchObject({ ok: true });
    const grant = grantExceptionSchema({ now }).parse({ email: renamed.email, ruleId: 'F3', reason: 'Client only reachable on WhatsApp', expiresAt: new Date(now.getTime() + 30 * 86_400_000) });
    expect(applyExceptionGrant(db, officer, grant, { now })).toMatchObject({ ok: true });
    const sso = completeSsoSignIn(db, { profile: { sub: ssoSubject, email: renamed.email, email_verified: true }, issuer: 'https://idp.northbridge.example', policy: { trustEmail: false, createUsers: false, allowedDomains: [] } }, { now });
    expect(sso).toEqual({ ok: true, userId: person.id });
    expect(setPersonActive(db, admin, { userId: person.id, active: false }, { now })).toMatchObject({ ok: true });

    const shown = JSON.stringify(auditAboutPerson());
    for (const value of [person.name, renamed.email, renamed.name, renamed.jobTitle, 'Senior private client adviser', ssoSubject]) expect(shown).toContain(value);
    expect(listAttestationHistory(db, { userId: person.id }).map((a) => a.signatureName)).toContain(person.name);
    // Stored sealed: no audit summary and no attestation holds them as text.
    const stored = JSON.stringify([sqlite.prepare('SELECT summary FROM audit_log').all(), sqlite.prepare('SELECT signature_name, ip_address, user_agent FROM attestations').all()]);
    for (const value of personalValues) expect(stored).not.toContain(value);
  });

  it('leaves none of them anywhere in the database once the retention period has passed, every chain intact', () => {
    const later = new Date(now.getTime() + 8 * YEAR);
    expect(purgeDepartedPeople(db, { now: later, actorId: null }).purged).toBeGreaterThanOrEqual(1);
    for (const { name } of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]) {
      const rows = JSON.stringify(sqlite.prepare(`SELECT * FROM "${name}"`).all());
      for (const value of personalValues) expect(rows, `${value} in ${name}`).not.toContain(value);
    }
    expect(one<{ n: number }>('SELECT count(*) AS n FROM personal_keys WHERE user_id = ?', person.id).n).toBe(0);
    expect(verifyAuditChain(db, { checkpointFile: null }).ok).toBe(true);
    expect(verifyAttestationChain(db)).toMatchObject({ ok: true });
  });

  it('shows what was sealed for them as erased, and everyone else as before', () => {
    const shown = JSON.stringify(auditAboutPerson());
    for (const value of personalValues) expect(shown).not.toContain(value);
    expect(shown).toContain(ERASED);
    expect(auditAboutPerson().find((row) => row.action === 'user.update')?.summary).toMatchObject({ before: { name: ERASED, email: ERASED }, after: { name: ERASED, email: ERASED } });
    const signatures = listAttestationHistory(db, { userId: person.id }).map((a) => a.signatureName);
    expect(signatures.length).toBeGreaterThan(0);
    expect(new Set(signatures)).toEqual(new Set([ERASED]));
    expect(listAttestationHistory(db, { userId: other.id }).map((a) => a.signatureName)).toContain(other.name);
  });
});
