import { beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { applyExceptionGrant, applyExceptionRevocation } from '@/db/commands/exceptions';
import { exceptionStatus, listExceptions } from '@/db/queries/exceptions';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import { exceptionInForce } from '@/lib/scoring/history';
import type { SessionUser } from '@/db/queries/users';
import { addDays, dayKey, startOfUtcDay } from '@/lib/time';
import { grantExceptionSchema, type GrantExceptionInput } from '@/lib/validation/exceptions';
import { TEST_AS_OF } from '../helpers/database';

// The server actions read the app's database handle and the session: both are replaced here.
vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { grantException, revokeException } = await import('@/lib/actions/exceptions');

const sqlite = db.$client;
const userId = (email: string) => (sqlite.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;
const teamId = (pack: string) => (sqlite.prepare('SELECT id FROM teams WHERE policy_pack_id = ? ORDER BY id').get(pack) as { id: number }).id;
const officer = { id: userId('officer@northbridge.example') };
const staffEmail = 'staff@northbridge.example';
const now = TEST_AS_OF;
const today = startOfUtcDay(now);

const snapshot = () => ({
  exceptions: sqlite.prepare('SELECT * FROM exceptions ORDER BY id').all(),
  audit: sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all(),
});

/** A grant validated as the action would, on the test day. */
const grant = (raw: Record<string, unknown>): GrantExceptionInput => {
  const parsed = grantExceptionSchema({ now }).safeParse({ reason: 'Client only reachable on WhatsApp', expiresAt: addDays(today, 30), ...raw });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};
/** The exception as the scoring engine loads it for `asOf`, if it is in force then. */
const inForceFor = (id: number, asOf: Date) => {
  const history = loadEvidenceHistory(db, { from: asOf, to: asOf });
  return [...history.exceptionsByUser.values(), ...history.exceptionsByTeam.values()].flat().find((e) => e.id === id && exceptionInForce(e, asOf));
};
const waivedFor = (id: number, asOf: Date) => inForceFor(id, asOf) !== undefined;

describe('a person’s exception', () => {
  const startsAt = addDays(today, 1);
  const expiresAt = addDays(today, 31);
  let id = 0;

  it('is granted with an audit entry chained to the last one', () => {
    const before = snapshot();
    const result = applyExceptionGrant(db, officer, grant({ email: staffEmail, ruleId: 'F3', startsAt, expiresAt }), { now });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    id = result.exceptionId;
    const after = snapshot();
    expect(after.exceptions).toHaveLength(before.exceptions.length + 1);
    expect(after.exceptions.at(-1)).toMatchObject({
      id, rule_id: 'F3', user_id: userId(staffEmail), team_id: null, approved_by: officer.id,
      starts_at: startsAt.getTime(), expires_at: expiresAt.getTime(), revoked_at: null,
    });
    const entry = after.audit.at(-1) as { action: string; prev_hash: string; target_id: string };
    expect(entry).toMatchObject({ action: 'exception.grant', target_id: String(id), prev_hash: (before.audit.at(-1) as { hash: string }).hash });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('waives only from its start until its expiry', () => {
    expect(waivedFor(id, addDays(startsAt, -0.001))).toBe(false);
    expect(waivedFor(id, startsAt)).toBe(true);
    expect(waivedFor(id, addDays(expiresAt, -0.001))).toBe(true);
    expect(waivedFor(id, expiresAt)).toBe(false);
    expect(inForceFor(id, startsAt)).toEqual({ id, ruleId: 'F3', userId: userId(staffEmail), teamId: null, reason: expect.any(String), startsAt, expiresAt, revokedAt: null });
  });

  it('is listed with the person, the rule title, the approver and its status on the day', () => {
    const row = listExceptions(db, { asOf: now }).find((e) => e.id === id);
    expect(row).toMatchObject({ scope: 'person', personEmail: staffEmail, ruleId: 'F3', ruleTitle: expect.any(String), approvedById: officer.id, status: 'scheduled' });
    expect(listExceptions(db, { asOf: now, filter: 'active' }).some((e) => e.id === id)).toBe(false);
    expect(listExceptions(db, { asOf: now, filter: 'scheduled' }).map((e) => e.id)).toContain(id);
    expect(listExceptions(db, { asOf: addDays(startsAt, 1), filter: 'scheduled' }).map((e) => e.id)).not.toContain(id);
    expect(listExceptions(db, { asOf: addDays(startsAt, 1), filter: 'active' }).map((e) => e.id)).toContain(id);
  });

  it('stops waiving when revoked, and stays waived before the revocation', () => {
    const revokedAt = addDays(startsAt, 10);
    const before = snapshot();
    expect(applyExceptionRevocation(db, officer, { exceptionId: id }, { now: revokedAt })).toMatchObject({ ok: true, revokedAt });
    const after = snapshot();
    expect(after.exceptions).toHaveLength(before.exceptions.length);
    expect(after.audit.at(-1)).toMatchObject({ action: 'exception.revoke', target_id: String(id), actor_id: officer.id });
    expect(waivedFor(id, addDays(startsAt, 5))).toBe(true);
    expect(waivedFor(id, revokedAt)).toBe(false);
    expect(waivedFor(id, addDays(startsAt, 20))).toBe(false);
    expect(listExceptions(db, { asOf: addDays(startsAt, 20) }).find((e) => e.id === id)?.status).toBe('revoked');
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('cannot be revoked twice', () => {
    const before = snapshot();
    expect(applyExceptionRevocation(db, officer, { exceptionId: id }, { now: addDays(startsAt, 12) })).toMatchObject({ ok: false, error: expect.stringContaining('already') });
    expect(snapshot()).toEqual(before);
  });
});

describe('a team’s exception', () => {
  it('covers the team and names it', () => {
    const team = teamId('government');
    const result = applyExceptionGrant(db, officer, grant({ teamId: team, ruleId: 'G3' }), { now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(inForceFor(result.exceptionId, now)).toMatchObject({ teamId: team, userId: null });
    expect(listExceptions(db, { asOf: now, filter: 'active' }).find((e) => e.id === result.exceptionId)).toMatchObject({ scope: 'team', teamName: expect.any(String), status: 'active' });
  });

  it('accepts a rule of any pack of a person in several teams', () => {
    // The demo manager is in a finance team; make them a member of a law team as well.
    db.$client
      .prepare("INSERT INTO team_members (team_id, user_id, joined_at) VALUES (?, (SELECT id FROM users WHERE email = 'manager@northbridge.example'), ?)")
      .run(teamId('law'), now.getTime() - 86_400_000);
    expect(applyExceptionGrant(db, officer, grant({ email: 'manager@northbridge.example', ruleId: 'L2' }), { now }).ok).toBe(true);
  });
});

describe('exception status', () => {
  const e = { startsAt: new Date('2026-01-10T00:00:00Z'), expiresAt: new Date('2026-02-10T00:00:00Z'), revokedAt: null };
  it.each([
    ['2026-01-09T23:59:59Z', e, 'scheduled'],
    ['2026-01-10T00:00:00Z', e, 'active'],
    ['2026-02-09T23:59:59Z', e, 'active'],
    ['2026-02-10T00:00:00Z', e, 'expired'],
    ['2026-01-20T00:00:00Z', { ...e, revokedAt: new Date('2026-01-20T00:00:00Z') }, 'revoked'],
    ['2026-01-19T00:00:00Z', { ...e, revokedAt: new Date('2026-01-20T00:00:00Z') }, 'active'],
  ] as const)('on %s is %s', (asOf, exception, status) => {
    expect(exceptionStatus(exception, new Date(asOf))).toBe(status);
  });
});

describe('refusals write nothing', () => {
  const inactive = (sqlite.prepare('SELECT email FROM users WHERE active = 0 LIMIT 1').get() as { email: string }).email;
  it.each([
    ['a rule of another pack for the person', { email: staffEmail, ruleId: 'L1' }, 'ruleId'],
    ['a rule no pack has', { email: staffEmail, ruleId: 'Q9' }, 'ruleId'],
    ['an unknown person', { email: 'nobody@northbridge.example', ruleId: 'F3' }, 'email'],
    ['a deactivated person', { email: inactive, ruleId: 'X1' }, 'email'],
    ['an unknown team', { teamId: 9999, ruleId: 'X1' }, 'teamId'],
    ['a rule of another pack for the team', { teamId: teamId('law'), ruleId: 'G1' }, 'ruleId'],
    ['an exception overlapping one in force', { teamId: teamId('government'), ruleId: 'G3' }, 'ruleId'],
  ])('%s', (_name, raw, field) => {
    const before = snapshot();
    const result = applyExceptionGrant(db, officer, grant(raw), { now });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(snapshot()).toEqual(before);
  });

  it('an unknown exception cannot be revoked', () => {
    const before = snapshot();
    expect(applyExceptionRevocation(db, officer, { exceptionId: 99_999 }, { now })).toMatchObject({ ok: false });
    expect(snapshot()).toEqual(before);
  });
});

describe('the server actions', () => {
  const session = vi.mocked(getSessionUser);
  const person = (email: string): SessionUser => {
    const row = sqlite.prepare('SELECT id, email, name, role FROM users WHERE email = ?').get(email) as Pick<SessionUser, 'id' | 'email' | 'name' | 'role'>;
    return { ...row, memberTeamIds: [], managedTeamIds: [] };
  };
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    return data;
  };
  const realToday = startOfUtcDay(new Date());
  const valid = { waiveFor: 'person', email: staffEmail, ruleId: 'F4', reason: 'Replacement handset on order', expiresAt: dayKey(addDays(realToday, 14)) };
  beforeEach(() => session.mockReset());

  it.each([
    ['signed out', null],
    ['staff', staffEmail],
    ['a manager', 'manager@northbridge.example'],
    ['an administrator', 'admin@northbridge.example'],
  ])('refuse %s and write nothing', async (_name, email) => {
    session.mockResolvedValue(email ? person(email) : null);
    const before = snapshot();
    expect(await grantException(null, form(valid))).toEqual({ ok: false, error: 'You do not have access to this.' });
    const open = sqlite.prepare('SELECT id FROM exceptions WHERE revoked_at IS NULL ORDER BY id DESC').get() as { id: number };
    expect(await revokeException(null, form({ exceptionId: String(open.id) }))).toEqual({ ok: false, error: 'You do not have access to this.' });
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['no person or team', { email: '' }, 'email'],
    ['an invalid e-mail', { email: 'not-an-email' }, 'email'],
    ['no team chosen', { waiveFor: 'team', teamId: '' }, 'teamId'],
    ['no rule', { ruleId: '' }, 'ruleId'],
    ['no reason', { reason: '   ' }, 'reason'],
    ['an over-long reason', { reason: 'x'.repeat(501) }, 'reason'],
    ['an expiry before the start', { startsAt: dayKey(addDays(realToday, 5)), expiresAt: dayKey(addDays(realToday, 4)) }, 'expiresAt'],
    ['an expiry on the start day', { expiresAt: dayKey(realToday) }, 'expiresAt'],
    ['more than a year', { expiresAt: dayKey(addDays(realToday, 367)) }, 'expiresAt'],
    ['a start in the past', { startsAt: dayKey(addDays(realToday, -1)) }, 'startsAt'],
    ['no expiry', { expiresAt: '' }, 'expiresAt'],
    ['a rule of another pack', { ruleId: 'G1' }, 'ruleId'],
  ])('refuse %s with a field error and write nothing', async (_name, fields, field) => {
    session.mockResolvedValue(person('officer@northbridge.example'));
    const before = snapshot();
    const result = await grantException(null, form({ ...valid, ...fields }));
    expect(result).toMatchObject({ ok: false });
    if (result && !result.ok) expect(result.fieldErrors?.[field]?.[0], JSON.stringify(result.fieldErrors)).toEqual(expect.any(String));
    expect(snapshot()).toEqual(before);
  });

  it('grant and revoke for an officer', async () => {
    session.mockResolvedValue(person('officer@northbridge.example'));
    const granted = await grantException(null, form(valid));
    expect(granted).toMatchObject({ ok: true });
    const row = sqlite.prepare('SELECT id, starts_at FROM exceptions ORDER BY id DESC LIMIT 1').get() as { id: number; starts_at: number };
    expect(row.starts_at).toBe(realToday.getTime());
    expect(await revokeException(null, form({ exceptionId: String(row.id) }))).toMatchObject({ ok: true });
    expect(await revokeException(null, form({ exceptionId: 'abc' }))).toMatchObject({ ok: false, fieldErrors: { exceptionId: [expect.any(String)] } });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
