import { beforeEach, describe, expect, it, vi } from 'vitest';
import { queueDueReminders } from '@/db/commands/reminders';
import { parametersInForce } from '@/db/queries/policy';
import { findOrganisation } from '@/db/queries/organisation';
import { listAdminTeams } from '@/db/queries/admin';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import type { SessionUser } from '@/db/queries/users';
import { packForTeam } from '@/lib/scoring/history';
import { addDays, startOfUtcDay } from '@/lib/time';

// The server actions read the app's database handle and the session: both are replaced here.
vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const teamActions = await import('@/lib/actions/teams');
const { saveOrganisationSettings } = await import('@/lib/actions/organisation');

const sqlite = db.$client;
const session = vi.mocked(getSessionUser);
const person = (email: string): SessionUser => {
  const row = sqlite.prepare('SELECT id, email, name, role FROM users WHERE email = ?').get(email) as Pick<SessionUser, 'id' | 'email' | 'name' | 'role'>;
  return { ...row, memberTeamIds: [], managedTeamIds: [] };
};
const form = (fields: Record<string, string | number | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, String(v));
  return data;
};
const contents = () => ({
  organisation: sqlite.prepare('SELECT * FROM organisation').all(),
  teams: sqlite.prepare('SELECT * FROM teams ORDER BY id').all(),
  members: sqlite.prepare('SELECT * FROM team_members ORDER BY id').all(),
  managers: sqlite.prepare('SELECT * FROM team_managers ORDER BY id').all(),
  settings: sqlite.prepare('SELECT * FROM policy_settings ORDER BY id').all(),
  audit: sqlite.prepare('SELECT id FROM audit_log ORDER BY id').all(),
});
const lastAudit = () => sqlite.prepare('SELECT action, target_type, target_id, summary FROM audit_log ORDER BY id DESC LIMIT 1').get() as { action: string; target_type: string; target_id: string; summary: string };
const teamId = (name: string) => (sqlite.prepare('SELECT id FROM teams WHERE name = ?').get(name) as { id: number }).id;
const settings = { name: 'Northbridge Partners LLP', sectorsInUse: ['law', 'finance', 'government'], fiscalYearStartMonth: 4, staleDeviceDays: 7, reminderLeadDays: 10, reminderIntervalDays: 3, retentionYears: 6 };

beforeEach(() => session.mockReset());

describe('teams and settings actions refuse everyone but administrators, writing nothing', () => {
  it.each([
    ['signed out', null],
    ['staff', 'staff@northbridge.example'],
    ['a manager', 'manager@northbridge.example'],
    ['an officer', 'officer@northbridge.example'],
  ])('%s', async (_who, email) => {
    session.mockResolvedValue(email ? person(email) : null);
    const before = contents();
    const denied = { ok: false, error: 'You do not have access to this.' };
    expect(await teamActions.createTeamAction(null, form({ name: 'Shadow team', sector: 'law' }))).toEqual(denied);
    expect(await teamActions.updateTeamAction(null, form({ teamId: teamId('Litigation'), name: 'Renamed', sector: 'law' }))).toEqual(denied);
    expect(await teamActions.addTeamMemberAction(null, form({ teamId: teamId('Litigation'), email: 'staff@northbridge.example', manager: 'on' }))).toEqual(denied);
    expect(await saveOrganisationSettings(null, form(settings))).toEqual(denied);
    expect(contents()).toEqual(before);
  });
});

describe('teams', () => {
  beforeEach(() => session.mockResolvedValue(person('admin@northbridge.example')));

  it.each([
    ['no name', { name: ' ', sector: 'law' }, 'name'],
    ['no sector', { name: 'Sectorless' }, 'sector'],
    ['an unknown sector', { name: 'Odd', sector: 'retail' }, 'sector'],
    ['a name taken (case ignored)', { name: 'LITIGATION', sector: 'law' }, 'name'],
    ['an unknown pack', { name: 'Odd pack', sector: 'law', policyPackId: 'retail' }, 'policyPackId'],
  ])('refuses a team with %s, writing nothing', async (_name, fields, field) => {
    const before = contents();
    expect(await teamActions.createTeamAction(null, form(fields))).toMatchObject({ ok: false, fieldErrors: { [field]: [expect.any(String)] } });
    expect(contents()).toEqual(before);
  });

  it('creates a team (pack defaulting to its sector), renames it and changes its pack, audited', async () => {
    await expect(teamActions.createTeamAction(null, form({ name: 'Employment', sector: 'law' }))).rejects.toThrow(/NEXT_REDIRECT \/admin\/teams\/\d+/);
    const id = teamId('Employment');
    expect(sqlite.prepare('SELECT sector, policy_pack_id FROM teams WHERE id = ?').get(id)).toEqual({ sector: 'law', policy_pack_id: 'law' });
    expect(lastAudit()).toMatchObject({ action: 'team.create', target_type: 'team', target_id: String(id) });
    expect(await teamActions.updateTeamAction(null, form({ teamId: id, name: 'Employment Law', sector: 'law', policyPackId: 'finance' }))).toMatchObject({ ok: true, message: 'Saved.' });
    expect(JSON.parse(lastAudit().summary)).toEqual({ before: { name: 'Employment', policyPackId: 'law' }, after: { name: 'Employment Law', policyPackId: 'finance' } });
    expect(packForTeam(loadEvidenceHistory(db, { from: new Date(), to: new Date() }), id).id).toBe('finance');
    expect(await teamActions.updateTeamAction(null, form({ teamId: id, name: 'Litigation', sector: 'law' }))).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)] } });
  });

  it('adds a member by e-mail, as a manager when asked and allowed', async () => {
    const id = teamId('Litigation');
    expect(await teamActions.addTeamMemberAction(null, form({ teamId: id, email: 'nobody@northbridge.example' }))).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining('No active person')] } });
    expect(await teamActions.addTeamMemberAction(null, form({ teamId: id, email: 'staff@northbridge.example', manager: 'on' }))).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining('make them a Manager')] } });
    expect(await teamActions.addTeamMemberAction(null, form({ teamId: id, email: 'manager@northbridge.example', manager: 'on' }))).toMatchObject({ ok: true });
    expect(listAdminTeams(db).find((t) => t.id === id)?.managers).toContain('Morgan Patel');
    expect(await teamActions.addTeamMemberAction(null, form({ teamId: id, email: 'manager@northbridge.example' }))).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining('already a member')] } });
  });
});

describe('organisation settings', () => {
  beforeEach(() => session.mockResolvedValue(person('admin@northbridge.example')));

  it.each([
    ['no sector', { sectorsInUse: [] }, 'sectorsInUse'],
    ['a fiscal month of 13', { fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth'],
    ['zero stale-device days', { staleDeviceDays: 0 }, 'staleDeviceDays'],
    ['a fractional interval', { reminderIntervalDays: 1.5 }, 'reminderIntervalDays'],
    ['no name', { name: '' }, 'name'],
  ])('refuses %s, writing nothing', async (_name, fields, field) => {
    const before = contents();
    expect(await saveOrganisationSettings(null, form({ ...settings, ...fields }))).toMatchObject({ ok: false, fieldErrors: { [field]: [expect.any(String)] } });
    expect(contents()).toEqual(before);
  });

  it('refuses to drop a sector a team still has, writing nothing', async () => {
    const before = contents();
    expect(await saveOrganisationSettings(null, form({ ...settings, sectorsInUse: ['finance', 'government'] }))).toMatchObject({ ok: false, fieldErrors: { sectorsInUse: [expect.stringContaining('Litigation (law)')] } });
    expect(contents()).toEqual(before);
  });

  it('saves the settings, audited; stale-device days become a new policy version from today', async () => {
    const settingsBefore = contents().settings.length;
    expect(await saveOrganisationSettings(null, form(settings))).toMatchObject({ ok: true, message: 'Settings saved.' });
    expect(findOrganisation(db)).toEqual({ name: 'Northbridge Partners LLP', sectorsInUse: ['law', 'finance', 'government'], fiscalYearStartMonth: 4, reminderLeadDays: 10, reminderIntervalDays: 3, retentionYears: 6 });
    expect(lastAudit()).toMatchObject({ action: 'organisation.update', target_type: 'organisation' });
    expect(JSON.parse(lastAudit().summary).after).toEqual({ name: 'Northbridge Partners LLP', fiscalYearStartMonth: 4, reminderLeadDays: 10, reminderIntervalDays: 3, retentionYears: 6 });
    expect(contents().settings).toHaveLength(settingsBefore);

    const forwarding = parametersInForce(db, { teamId: null, asOf: new Date() }).forwardingWindowDays;
    expect(await saveOrganisationSettings(null, form({ ...settings, staleDeviceDays: 14 }))).toMatchObject({ ok: true });
    expect(lastAudit()).toMatchObject({ action: 'policy.change' });
    expect(parametersInForce(db, { teamId: null, asOf: new Date() })).toMatchObject({ staleDeviceDays: 14, forwardingWindowDays: forwarding });
    expect(parametersInForce(db, { teamId: null, asOf: addDays(startOfUtcDay(new Date()), -1) }).staleDeviceDays).not.toBe(14);
    expect(await saveOrganisationSettings(null, form({ ...settings, staleDeviceDays: 14 }))).toMatchObject({ ok: true, message: 'Nothing to change.' });
  });

  it('drives the reminder cadence: lead days before the due day, and days between scheduled reminders', () => {
    const campaign = sqlite.prepare('SELECT id, due_at FROM campaigns ORDER BY opens_at DESC LIMIT 1').get() as { id: number; due_at: number };
    const due = new Date(campaign.due_at);
    sqlite.prepare('UPDATE organisation SET reminder_lead_days = 10, reminder_interval_days = 3').run();
    const count = (now: Date) => queueDueReminders(db, { baseUrl: 'http://localhost', now }).length;
    expect(count(addDays(due, -11))).toBe(0);
    expect(count(addDays(due, -10))).toBeGreaterThan(0);
    expect(count(addDays(due, -9))).toBe(0);
    expect(count(addDays(due, -8))).toBe(0);
    expect(count(addDays(due, -7))).toBeGreaterThan(0);
  });
});
