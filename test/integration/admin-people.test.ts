import bcrypt from 'bcryptjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import { findAdminPerson, listPeople, listRecordHistory } from '@/db/queries/admin';
import { openPersonalData } from '@/db/personal-keys';
import { findSignInCredentials, loadSessionUser, type SessionUser } from '@/db/queries/users';
import { isSupervisorOn, membershipsOn } from '@/lib/scoring/history';
import { peopleFilterSchema } from '@/lib/validation/people';

// The server actions read the app's database handle and the session: both are replaced here.
vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const actions = await import('@/lib/actions/people');

const sqlite = db.$client;
const session = vi.mocked(getSessionUser);
const idOf = (email: string) => (sqlite.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;
const teamId = (name: string) => (sqlite.prepare('SELECT id FROM teams WHERE name = ?').get(name) as { id: number }).id;
const person = (email: string): SessionUser => {
  const row = sqlite.prepare('SELECT id, email, name, role FROM users WHERE email = ?').get(email) as Pick<SessionUser, 'id' | 'email' | 'name' | 'role'>;
  return { ...row, memberTeamIds: [], managedTeamIds: [] };
};
const form = (fields: Record<string, string | number>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, String(value));
  return data;
};
const contents = () => ({
  users: sqlite.prepare('SELECT * FROM users ORDER BY id').all(),
  members: sqlite.prepare('SELECT * FROM team_members ORDER BY id').all(),
  managers: sqlite.prepare('SELECT * FROM team_managers ORDER BY id').all(),
  audit: sqlite.prepare('SELECT id FROM audit_log ORDER BY id').all(),
});
const currentTeams = (userId: number) => (sqlite.prepare('SELECT team_id FROM team_members WHERE user_id = ? AND left_at IS NULL ORDER BY team_id').all(userId) as { team_id: number }[]).map((r) => r.team_id);
const lastAudit = () => sqlite.prepare('SELECT action, actor_id, target_type, target_id, summary FROM audit_log ORDER BY id DESC LIMIT 1').get() as { action: string; actor_id: number; target_type: string; target_id: string; summary: string };

const ADMIN = 'admin@northbridge.example';
const STAFF = 'staff@northbridge.example';
const MANAGER = 'manager@northbridge.example';
const EQUITIES = 'Equities Trading';
const LITIGATION = 'Litigation';

beforeEach(() => session.mockReset());

describe('every people action refuses everyone but administrators, writing nothing', () => {
  const staffId = idOf(STAFF);
  const calls: [string, () => Promise<unknown>][] = [
    ['create', () => actions.createPersonAction(null, form({ email: 'x.y@northbridge.example', name: 'X Y', role: 'staff', signIn: 'sso' }))],
    ['update', () => actions.updatePersonAction(null, form({ userId: staffId, email: STAFF, name: 'Renamed', jobTitle: '' }))],
    ['role', () => actions.changeRoleAction(null, form({ userId: staffId, role: 'admin' }))],
    ['deactivate', () => actions.setPersonActiveAction(null, form({ userId: staffId, active: 'false' }))],
    ['password', () => actions.setPasswordAction(null, form({ userId: staffId, password: 'a-long-enough-passphrase' }))],
    ['add to team', () => actions.addMembershipAction(null, form({ userId: staffId, teamId: teamId(LITIGATION) }))],
    ['leave team', () => actions.endMembershipAction(null, form({ userId: staffId, teamId: teamId(EQUITIES) }))],
    ['add manager', () => actions.addManagerAction(null, form({ userId: staffId, teamId: teamId(EQUITIES) }))],
    ['remove manager', () => actions.removeManagerAction(null, form({ userId: idOf(MANAGER), teamId: teamId(EQUITIES) }))],
  ];
  it.each([
    ['signed out', null],
    ['staff', STAFF],
    ['a manager', MANAGER],
    ['an officer', 'officer@northbridge.example'],
  ])('%s', async (_who, email) => {
    session.mockResolvedValue(email ? person(email) : null);
    const before = contents();
    for (const [name, call] of calls) expect(await call(), name).toEqual({ ok: false, error: 'You do not have access to this.' });
    expect(contents()).toEqual(before);
  });
});

describe('creating a person', () => {
  beforeEach(() => session.mockResolvedValue(person(ADMIN)));
  const valid = { email: 'Priya.Shah@northbridge.example', name: 'Priya Shah', jobTitle: 'Analyst', role: 'staff', teamId: 0, signIn: 'password', password: 'blue-harbour-lantern-42' };

  it.each([
    ['a short password', { password: 'short-pass1' }, 'password', /at least 12/],
    ['the e-mail as password', { password: 'priya.shah@northbridge.example' }, 'password', /e-mail/],
    ['a password containing the e-mail name', { password: 'priya.shah-2026!' }, 'password', /e-mail/],
    ['a common password', { password: 'Password1234' }, 'password', /too common/],
    ['no password for password sign-in', { password: '' }, 'password', /at least 12/],
    ['an invalid e-mail', { email: 'priya@' }, 'email', /valid e-mail/],
    ['an e-mail someone has', { email: 'STAFF@northbridge.example' }, 'email', /already has this e-mail/],
    ['no name', { name: '  ' }, 'name', /Enter the name/],
    ['an unknown role', { role: 'root' }, 'role', /Choose a role/],
    ['an unknown team', { teamId: 9999 }, 'teamId', /does not exist/],
  ])('refuses %s, writing nothing', async (_name, fields, field, message) => {
    const before = contents();
    const { teamId: team, ...rest } = { ...valid, ...fields };
    const result = await actions.createPersonAction(null, form(team ? { ...rest, teamId: team } : rest));
    expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: [expect.stringMatching(message)] } });
    expect(contents()).toEqual(before);
  });

  it('creates them with a bcrypt hash, in a team, audited, and opens their page', async () => {
    const { teamId: _none, ...fields } = valid;
    await expect(actions.createPersonAction(null, form({ ...fields, teamId: teamId(EQUITIES) }))).rejects.toThrow(/NEXT_REDIRECT \/admin\/people\/\d+/);
    const row = sqlite.prepare("SELECT id, email, role, job_title, password_hash, active FROM users WHERE email = 'priya.shah@northbridge.example'").get() as { id: number; password_hash: string };
    expect(row).toMatchObject({ email: 'priya.shah@northbridge.example', role: 'staff', job_title: 'Analyst', active: 1 });
    expect(await bcrypt.compare(valid.password, row.password_hash)).toBe(true);
    expect(currentTeams(row.id)).toEqual([teamId(EQUITIES)]);
    expect(lastAudit()).toMatchObject({ action: 'user.create', actor_id: idOf(ADMIN), target_type: 'user', target_id: String(row.id) });
    expect(lastAudit().summary).not.toContain(row.password_hash);
    expect(findSignInCredentials(db, { email: 'PRIYA.SHAH@northbridge.example' })?.id).toBe(row.id);
  });

  it('creates a single sign-on person without a password (the form posts an empty team)', async () => {
    await expect(actions.createPersonAction(null, form({ email: 'sso.only@northbridge.example', name: 'Sso Only', role: 'manager', teamId: '', jobTitle: '', signIn: 'sso' }))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(sqlite.prepare("SELECT role, password_hash FROM users WHERE email = 'sso.only@northbridge.example'").get()).toEqual({ role: 'manager', password_hash: null });
  });
});

describe('editing, roles and passwords', () => {
  beforeEach(() => session.mockResolvedValue(person(ADMIN)));

  it('edits name and job title, refusing an e-mail someone else has', async () => {
    const id = idOf(STAFF);
    expect(await actions.updatePersonAction(null, form({ userId: id, email: MANAGER, name: 'Sam Thompson', jobTitle: '' }))).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining('already has')] } });
    expect(await actions.updatePersonAction(null, form({ userId: id, email: STAFF, name: 'Samuel Thompson', jobTitle: 'Senior trader' }))).toMatchObject({ ok: true, message: 'Saved.' });
    expect(lastAudit()).toMatchObject({ action: 'user.update', target_id: String(id) });
    expect(openPersonalData(db, JSON.parse(lastAudit().summary))).toMatchObject({ before: { name: 'Sam Thompson' }, after: { name: 'Samuel Thompson', jobTitle: 'Senior trader' } });
    // Stored sealed, so that the retention purge can erase them.
    expect(lastAudit().summary).not.toMatch(/Sam Thompson|Samuel Thompson|Senior trader/);
    const audits = contents().audit.length;
    expect(await actions.updatePersonAction(null, form({ userId: id, email: STAFF, name: 'Samuel Thompson', jobTitle: 'Senior trader' }))).toMatchObject({ ok: true, message: 'Nothing to change.' });
    expect(contents().audit).toHaveLength(audits);
  });

  it('changes a role, but never the last administrator’s, your own, or a manager’s to one without team pages', async () => {
    const before = contents();
    expect(await actions.changeRoleAction(null, form({ userId: idOf(ADMIN), role: 'staff' }))).toMatchObject({ ok: false, fieldErrors: { role: [expect.stringContaining('your own role')] } });
    expect(await actions.changeRoleAction(null, form({ userId: idOf(MANAGER), role: 'staff' }))).toMatchObject({ ok: false, fieldErrors: { role: [expect.stringContaining('manages Equities Trading')] } });
    expect(contents()).toEqual(before);
    // A second administrator may demote the first only while another remains.
    expect(await actions.changeRoleAction(null, form({ userId: idOf('officer2@northbridge.example'), role: 'admin' }))).toMatchObject({ ok: true });
    expect(lastAudit()).toMatchObject({ action: 'user.role' });
    expect(JSON.parse(lastAudit().summary)).toEqual({ before: { role: 'officer' }, after: { role: 'admin' } });
    session.mockResolvedValue(person('officer2@northbridge.example'));
    expect(await actions.changeRoleAction(null, form({ userId: idOf(ADMIN), role: 'officer' }))).toMatchObject({ ok: true });
    session.mockResolvedValue(person(ADMIN));
    expect(await actions.changeRoleAction(null, form({ userId: idOf('officer2@northbridge.example'), role: 'staff' }))).toEqual({ ok: false, error: 'You do not have access to this.' });
    session.mockResolvedValue(person('officer2@northbridge.example'));
    expect(await actions.changeRoleAction(null, form({ userId: idOf(ADMIN), role: 'admin' }))).toMatchObject({ ok: true });
  });

  it('sets a password that meets the policy, or removes it for single sign-on', async () => {
    const id = idOf('officer@northbridge.example');
    expect(await actions.setPasswordAction(null, form({ userId: id, password: 'officer@northbridge.example' }))).toMatchObject({ ok: false, fieldErrors: { password: [expect.any(String)] } });
    expect(await actions.setPasswordAction(null, form({ userId: id, password: 'quiet-meadow-copper-9' }))).toMatchObject({ ok: true });
    const hash = (sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').get(id) as { password_hash: string }).password_hash;
    expect(await bcrypt.compare('quiet-meadow-copper-9', hash)).toBe(true);
    expect(lastAudit()).toMatchObject({ action: 'user.sign-in-method', summary: JSON.stringify({ signIn: 'password set' }) });
    expect(await actions.setPasswordAction(null, form({ userId: id, password: '' }))).toMatchObject({ ok: false, fieldErrors: { password: ['Enter the new password.'] } });
    expect(sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').get(id)).toEqual({ password_hash: hash });
    expect(await actions.setPasswordAction(null, form({ userId: id, intent: 'remove' }))).toMatchObject({ ok: true });
    expect(sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').get(id)).toEqual({ password_hash: null });
    expect(findSignInCredentials(db, { email: 'officer@northbridge.example' })?.passwordHash).toBeNull();
  });
});

describe('teams and managers from the person’s side', () => {
  beforeEach(() => session.mockResolvedValue(person(ADMIN)));

  it('adds, moves and removes memberships as periods, never deleting one', async () => {
    const id = idOf(STAFF);
    const rows = () => (sqlite.prepare('SELECT count(*) AS n FROM team_members WHERE user_id = ?').get(id) as { n: number }).n;
    const start = rows();
    expect(await actions.addMembershipAction(null, form({ userId: id, teamId: teamId(LITIGATION) }))).toMatchObject({ ok: true, message: 'Added to the team.' });
    expect(currentTeams(id)).toEqual([teamId(EQUITIES), teamId(LITIGATION)].sort((a, b) => a - b));
    expect(await actions.addMembershipAction(null, form({ userId: id, teamId: teamId(LITIGATION) }))).toMatchObject({ ok: false, fieldErrors: { teamId: [expect.stringContaining('already a member')] } });
    expect(await actions.addMembershipAction(null, form({ userId: id, teamId: teamId('Ministerial Private Office'), move: 'on' }))).toMatchObject({ ok: true, message: 'Moved to the team.' });
    expect(currentTeams(id)).toEqual([teamId('Ministerial Private Office')]);
    expect(await actions.endMembershipAction(null, form({ userId: id, teamId: teamId('Ministerial Private Office') }))).toMatchObject({ ok: true });
    expect(currentTeams(id)).toEqual([]);
    expect(rows()).toBe(start + 2);
    expect(await actions.addMembershipAction(null, form({ userId: id, teamId: teamId(EQUITIES) }))).toMatchObject({ ok: true });
    const history = findAdminPerson(db, { userId: id })!;
    expect(history.memberships.filter((m) => m.leftAt !== null).map((m) => m.team)).toEqual(expect.arrayContaining([EQUITIES, LITIGATION, 'Ministerial Private Office']));
    expect(listRecordHistory(db, { targetType: 'user', targetId: id }).map((e) => e.action).slice(0, 4)).toEqual(['team.member.add', 'team.member.remove', 'team.member.move', 'team.member.add']);
  });

  it('makes a member a manager of several teams, but not a non-member or a staff member', async () => {
    const manager = idOf(MANAGER);
    expect(await actions.addManagerAction(null, form({ userId: manager, teamId: teamId(LITIGATION) }))).toMatchObject({ ok: false, error: expect.stringContaining('not a member of Litigation') });
    expect(await actions.addManagerAction(null, form({ userId: idOf(STAFF), teamId: teamId(EQUITIES) }))).toMatchObject({ ok: false, error: expect.stringContaining('make them a Manager first') });
    expect(await actions.addMembershipAction(null, form({ userId: manager, teamId: teamId(LITIGATION) }))).toMatchObject({ ok: true });
    expect(await actions.addManagerAction(null, form({ userId: manager, teamId: teamId(LITIGATION) }))).toMatchObject({ ok: true });
    expect(loadSessionUser(db, { userId: manager })?.managedTeamIds.sort()).toEqual([teamId(EQUITIES), teamId(LITIGATION)].sort());
    expect(await actions.removeManagerAction(null, form({ userId: manager, teamId: teamId(LITIGATION) }))).toMatchObject({ ok: true });
    expect(loadSessionUser(db, { userId: manager })?.managedTeamIds).toEqual([teamId(EQUITIES)]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM team_managers WHERE user_id = ? AND team_id = ?').get(manager, teamId(LITIGATION))).toEqual({ n: 1 });
  });
});

describe('deactivation', () => {
  beforeEach(() => session.mockResolvedValue(person(ADMIN)));

  it('refuses yourself and the last administrator', async () => {
    const before = contents();
    expect(await actions.setPersonActiveAction(null, form({ userId: idOf(ADMIN), active: 'false' }))).toMatchObject({ ok: false, error: expect.stringContaining('yourself') });
    expect(contents()).toEqual(before);
  });

  it('ends memberships and management, takes the person out of the scores and stops sign-in; history is kept', async () => {
    const id = idOf(MANAGER);
    const history = () => loadEvidenceHistory(db, { userIds: [id], from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60_000) });
    const before = new Date();
    expect(membershipsOn(history(), before).length).toBeGreaterThan(0);
    expect(await actions.setPersonActiveAction(null, form({ userId: id, active: 'false' }))).toMatchObject({ ok: true });
    const after = new Date(Date.now() + 1000);
    expect(membershipsOn(history(), after)).toEqual([]);
    expect(membershipsOn(history(), new Date(before.getTime() - 1)).length).toBeGreaterThan(0);
    expect(isSupervisorOn(history(), id, after)).toBe(false);
    expect(isSupervisorOn(history(), id, new Date(before.getTime() - 1))).toBe(true);
    expect(sqlite.prepare('SELECT active, deactivated_at IS NOT NULL AS stamped FROM users WHERE id = ?').get(id)).toEqual({ active: 0, stamped: 1 });
    expect(findSignInCredentials(db, { email: MANAGER })).toBeUndefined();
    expect(loadSessionUser(db, { userId: id })).toBeNull();
    expect(lastAudit()).toMatchObject({ action: 'user.deactivate', target_id: String(id) });
    expect(JSON.parse(lastAudit().summary)).toMatchObject({ leftTeams: expect.arrayContaining([EQUITIES]), stoppedManaging: [EQUITIES] });
    expect(await actions.setPersonActiveAction(null, form({ userId: id, active: 'false' }))).toMatchObject({ ok: false, error: expect.stringContaining('already deactivated') });
    expect(await actions.setPersonActiveAction(null, form({ userId: id, active: 'true' }))).toMatchObject({ ok: true });
    expect(loadSessionUser(db, { userId: id })).toMatchObject({ memberTeamIds: [], managedTeamIds: [] });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe('the directory', () => {
  const filter = (raw: Record<string, unknown>) => peopleFilterSchema.parse(raw);

  it('pages through people by name, with search and filters', () => {
    const all = listPeople(db, { filter: filter({ status: 'all' }), pageSize: 10 });
    expect(all.total).toBe((sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n);
    expect(all.rows).toHaveLength(10);
    const second = listPeople(db, { filter: filter({ status: 'all', page: 2 }), pageSize: 10 });
    expect(second.rows[0]!.name >= all.rows[9]!.name).toBe(true);
    expect(listPeople(db, { filter: filter({ q: 'STAFF@north' }), pageSize: 10 }).rows.map((r) => r.email)).toEqual([STAFF]);
    expect(listPeople(db, { filter: filter({ q: '%' }), pageSize: 10 }).total).toBe(0);
    const litigation = listPeople(db, { filter: filter({ team: teamId(LITIGATION) }), pageSize: 100 });
    expect(litigation.rows.every((r) => r.teams.includes(LITIGATION) && r.active)).toBe(true);
    expect(listPeople(db, { filter: filter({ role: 'officer' }), pageSize: 100 }).rows.every((r) => r.role === 'officer')).toBe(true);
    expect(listPeople(db, { filter: filter({ status: 'deactivated' }), pageSize: 100 }).rows.every((r) => !r.active)).toBe(true);
    expect(filter({ page: '-3', role: 'root', status: 'x' })).toEqual({ q: '', page: 1, role: undefined, team: undefined, status: 'active' });
  });

  it('uses the name index to page through the organisation', () => {
    for (const where of ['+u.active = 1', "+u.role = 'staff' AND +u.active = 1", '1 = 1']) {
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN SELECT u.id FROM users u WHERE ${where} ORDER BY u.name, u.id LIMIT 50 OFFSET 100`).all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' '), where).toMatch(/users_name_idx/);
      expect(plan.map((p) => p.detail).join(' '), where).not.toMatch(/TEMP B-TREE/);
    }
  });
});
