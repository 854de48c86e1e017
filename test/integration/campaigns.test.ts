import { beforeEach, describe, expect, it, vi } from 'vitest';
import { findCampaignInScope } from '@/db/queries/campaign-access';
import { campaignProgress } from '@/db/queries/campaign-progress';
import { campaignStatus, listCampaignsWithAudience } from '@/db/queries/campaigns';
import { teamScope } from '@/lib/auth/roles';
import { addDays, dayKey, startOfUtcDay } from '@/lib/time';
import { sessionUserByEmail, TEST_AS_OF } from '../helpers/database';

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { createCampaign } = await import('@/lib/actions/campaigns');
const { GET } = await import('@/app/api/campaigns/[campaignId]/progress/route');

const sqlite = db.$client;
const byEmail = (email: string) => sessionUserByEmail(db, email);
const officer = byEmail('officer@northbridge.example');
const manager = byEmail('manager@northbridge.example');
const staff = byEmail('staff@northbridge.example');
const now = new Date(TEST_AS_OF.getTime() + 3_600_000);
const today = startOfUtcDay(now);
const teamIds = (sqlite.prepare('SELECT id FROM teams ORDER BY id').all() as { id: number }[]).map((t) => t.id);
const current = listCampaignsWithAudience(db).at(-1)!;

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
};
const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const counts = () => ({ campaigns: count('campaigns'), audience: count('campaign_teams'), audit: count('audit_log') });
const valid = { period: '2027-Q1', audience: 'teams', teamIds: [String(teamIds[1])], opensAt: dayKey(addDays(today, 40)), dueAt: dayKey(addDays(today, 96)) };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});

describe('createCampaign', () => {
  it.each([
    ['signed out', null],
    ['staff', staff],
    ['a manager', manager],
  ])('refuses %s and stores nothing', async (_label, user) => {
    vi.mocked(getSessionUser).mockResolvedValue(user);
    const before = counts();
    expect(await createCampaign(null, form(valid))).toMatchObject({ ok: false, error: 'You do not have access to this.' });
    expect(counts()).toEqual(before);
  });

  it.each([
    ['a period that is not one', { period: 'Q4 2026' }, 'period'],
    ['opening in the past', { opensAt: dayKey(addDays(today, -1)) }, 'opensAt'],
    ['due before it opens', { dueAt: dayKey(addDays(today, 39)) }, 'dueAt'],
    ['chosen teams but none chosen', { teamIds: [] }, 'teamIds'],
    ['a team that does not exist', { teamIds: ['9999'] }, 'teamIds'],
  ])('refuses %s, storing nothing', async (_label, change, field) => {
    vi.mocked(getSessionUser).mockResolvedValue(officer);
    const before = counts();
    const result = await createCampaign(null, form({ ...valid, ...change }));
    expect(result).toMatchObject({ ok: false });
    expect(result && !result.ok ? Object.keys(result.fieldErrors ?? {}) : []).toContain(field);
    expect(counts()).toEqual(before);
  });

  it('creates a campaign for chosen teams with the pack versions in force, audited; status follows the dates', async () => {
    vi.mocked(getSessionUser).mockResolvedValue(officer);
    const before = counts();
    expect(await createCampaign(null, form(valid))).toMatchObject({ ok: true });
    expect(counts()).toEqual({ campaigns: before.campaigns + 1, audience: before.audience + 1, audit: before.audit + 1 });
    const all = listCampaignsWithAudience(db);
    const created = all.at(-1)!;
    expect(created).toMatchObject({ period: '2027-Q1', name: '2027-Q1 messaging attestation', allTeams: false, teamIds: [teamIds[1]] });
    expect(created.packVersions).toMatchObject({ law: expect.any(String), finance: expect.any(String), government: expect.any(String) });
    expect(campaignStatus(all, created, teamIds, now)).toBe('scheduled');
    expect(campaignStatus(all, created, teamIds, addDays(today, 41))).toBe('open');
    expect(campaignStatus(all, created, teamIds, addDays(today, 100))).toBe('past_due');
    // The earlier all-teams campaign closes for the team the new one covers, and stays open for the others.
    expect(campaignStatus(all, current, teamIds, addDays(today, 41))).toBe('past_due');
    expect(campaignStatus(all, current, [teamIds[1]!], addDays(today, 41))).toBe('closed');
  });
});

describe('campaign progress', () => {
  it('officers see every team; managers only theirs; staff nothing', () => {
    const all = campaignProgress(db, { campaign: current, scope: teamScope(officer), asOf: now, contradictions: false });
    expect(new Set(all.members.map((m) => m.teamId)).size).toBe(teamIds.length);
    const mine = campaignProgress(db, { campaign: current, scope: teamScope(manager), asOf: now });
    expect(new Set(mine.members.map((m) => m.teamId))).toEqual(new Set(manager.managedTeamIds));
    expect(mine.teams.reduce((n, t) => n + t.members, 0)).toBe(mine.members.length);
    expect(findCampaignInScope(db, { campaignId: current.id, scope: teamScope(staff) })).toBeNull();
  });

  it('counts signatures, overdue members after the due day, and X6 contradictions', () => {
    const before = campaignProgress(db, { campaign: current, scope: 'all', asOf: now });
    const after = campaignProgress(db, { campaign: current, scope: 'all', asOf: addDays(current.dueAt, 1) });
    const pending = before.members.filter((m) => !m.firstSubmittedAt).length;
    expect(before.members.filter((m) => m.status === 'overdue')).toHaveLength(0);
    expect(after.members.filter((m) => m.status === 'overdue')).toHaveLength(pending);
    expect(before.teams.reduce((n, t) => n + t.contradictions, 0)).toBe(before.members.filter((m) => m.contradiction).length);
  });
});

describe('progress CSV', () => {
  const get = (campaignId: string) => GET(new Request(`http://localhost/api/campaigns/${campaignId}/progress`), { params: Promise.resolve({ campaignId }) });

  it('gives a manager their teams only, formula-safe', async () => {
    vi.mocked(getSessionUser).mockResolvedValue(manager);
    const member = campaignProgress(db, { campaign: current, scope: manager.managedTeamIds, asOf: now, contradictions: false }).members.find((m) => m.userId !== manager.id)!;
    sqlite.prepare('UPDATE users SET name = ? WHERE id = ?').run('=HYPERLINK("http://evil")', member.userId);
    const response = await get(String(current.id));
    sqlite.prepare('UPDATE users SET name = ? WHERE id = ?').run(member.name, member.userId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toContain('Name,E-mail,Team,Status');
    const expected = campaignProgress(db, { campaign: current, scope: manager.managedTeamIds, asOf: now, contradictions: false }).members.length;
    expect(lines).toHaveLength(expected + 1);
    expect(lines.some((line) => line.startsWith(`"'=HYPERLINK(""http://evil"")"`))).toBe(true);
  });

  it.each([
    ['signed out', null, 401],
    ['staff', staff, 404],
  ])('refuses %s', async (_label, user, status) => {
    vi.mocked(getSessionUser).mockResolvedValue(user);
    expect((await get(String(current.id))).status).toBe(status);
  });

  it('answers 400 to a bad id and 404 to an unknown campaign', async () => {
    vi.mocked(getSessionUser).mockResolvedValue(officer);
    expect((await get('abc')).status).toBe(400);
    expect((await get('9999')).status).toBe(404);
  });
});
