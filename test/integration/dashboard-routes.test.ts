import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionUserByEmail } from '../helpers/database';

// Route handlers read the app's database handle and the session: both are replaced here.
vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { GET: getTable } = await import('@/app/api/dashboard/[table]/route');
const { GET: getMyData } = await import('@/app/api/my/data/route');
const { GET: getProgress } = await import('@/app/api/campaigns/[campaignId]/progress/route');
const session = vi.mocked(getSessionUser);

const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const userByEmail = (email: string) => sessionUserByEmail(db, email);
const officer = userByEmail('officer@northbridge.example');
const manager = userByEmail('manager@northbridge.example');
const staff = userByEmail('staff@northbridge.example');
const outsider = one<{ id: number }>(`SELECT id FROM teams WHERE id NOT IN (${manager.managedTeamIds.join(',')}) LIMIT 1`).id;

const table = (name: string, query = '') => getTable(new Request(`http://localhost/api/dashboard/${name}${query}`), { params: Promise.resolve({ table: name }) });

beforeEach(() => session.mockReset());

describe('dashboard CSV route', () => {
  it('refuses the signed-out (401), staff (404) and unknown tables (404)', async () => {
    session.mockResolvedValue(null);
    expect((await table('teams')).status).toBe(401);
    session.mockResolvedValue(staff);
    expect((await table('teams')).status).toBe(404);
    session.mockResolvedValue(officer);
    expect((await table('passwords')).status).toBe(404);
  });

  it('gives a manager their own teams only; another team is 404', async () => {
    session.mockResolvedValue(manager);
    const own = await table('teams');
    expect(own.status).toBe(200);
    const lines = (await own.text()).trim().split('\r\n');
    expect(lines).toHaveLength(1 + manager.managedTeamIds.length);
    expect((await table('heat-map', `?team=${outsider}`)).status).toBe(404);
    expect((await table('members', `?team=${outsider}`)).status).toBe(404);
    const members = await table('members', `?team=${manager.managedTeamIds[0]}`);
    expect(members.status).toBe(200);
    expect(members.headers.get('content-type')).toContain('text/csv');
  });

  it('applies the filters: a sector filter leaves only that sector’s teams', async () => {
    session.mockResolvedValue(officer);
    const all = (await (await table('teams')).text()).trim().split('\r\n');
    const law = (await (await table('teams', '?sector=law')).text()).trim().split('\r\n');
    expect(law.length).toBeLessThan(all.length);
    expect(law.slice(1).every((line) => line.split(',')[1] === 'law')).toBe(true);
    const trend = await table('trend', '?range=90d');
    expect((await trend.text()).trim().split('\r\n')).toHaveLength(91);
    expect(trend.headers.get('content-disposition')).toMatch(/attachment; filename="onchannel-trend-organisation-\d{4}-\d{2}-\d{2}\.csv"/);
  });
});

describe('download my data', () => {
  it('is refused when signed out and gives only the caller’s own records', async () => {
    session.mockResolvedValue(null);
    expect((await getMyData()).status).toBe(401);
    session.mockResolvedValue(staff);
    const response = await getMyData();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const body = (await response.json()) as { profile: { id: number; email: string }; devices: unknown[] };
    expect(body.profile).toMatchObject({ id: staff.id, email: staff.email });
    expect(JSON.stringify(body)).not.toMatch(/password_?hash|\$2[aby]\$/i);
  });
});

describe('exports in the audit log', () => {
  const lastEntry = () => one<{ action: string; actor_id: number; target_id: string; summary: string }>('SELECT action, actor_id, target_id, summary FROM audit_log ORDER BY id DESC LIMIT 1');
  const entries = () => one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n;

  it('records each CSV and "my data" download with who, what and how many rows, and a refused one not at all', async () => {
    session.mockResolvedValue(manager);
    await (await table('members', `?team=${manager.managedTeamIds[0]}`)).text();
    expect(lastEntry()).toMatchObject({ action: 'dashboard.export', actor_id: manager.id, target_id: `members/team-${manager.managedTeamIds[0]}` });
    expect(JSON.parse(lastEntry().summary)).toMatchObject({ table: 'members', rows: expect.any(Number) });

    const before = entries();
    expect((await table('members', `?team=${outsider}`)).status).toBe(404);
    expect(entries()).toBe(before);

    const campaignId = one<{ id: number }>('SELECT id FROM campaigns ORDER BY opens_at DESC LIMIT 1').id;
    await (await getProgress(new Request(`http://localhost/api/campaigns/${campaignId}/progress`), { params: Promise.resolve({ campaignId: String(campaignId) }) })).text();
    expect(lastEntry()).toMatchObject({ action: 'campaign.export-progress', actor_id: manager.id, target_id: String(campaignId) });

    session.mockResolvedValue(staff);
    await (await getMyData()).text();
    expect(lastEntry()).toMatchObject({ action: 'personal-data.export', actor_id: staff.id, target_id: String(staff.id) });
  });
});
