import { unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionUserByEmail, TEST_AS_OF } from '../helpers/database';
import { pdfToText } from '../helpers/pdf';

// Route handlers read the app's database handle and the session: both are replaced here.
vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { loadDashboard } = await import('@/db/queries/dashboard-data');
const { devicePosture } = await import('@/db/queries/device-posture');
const { loadQuarterlyReport } = await import('@/db/queries/report');
const { devicesOfMembers, scoreMembers } = await import('@/db/queries/report-people');
const { parametersInForce } = await import('@/db/queries/policy');
const { ensureSnapshotsReach } = await import('@/db/snapshots');
const { postureOfDevices, parseQuarterLabel } = await import('@/lib/reports');
const { formatShare } = await import('@/lib/format');
const { parseDashboardFilters } = await import('@/lib/validation/dashboard');
const { GET: getTeamReport } = await import('@/app/api/reports/teams/[teamId]/route');
const { GET: getOrganisationReport } = await import('@/app/api/reports/organisation/route');
const { GET: getArchive } = await import('@/app/api/reports/archive/route');
const session = vi.mocked(getSessionUser);

const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const userByEmail = (email: string) => sessionUserByEmail(db, email);
const officer = userByEmail('officer@northbridge.example');
const manager = userByEmail('manager@northbridge.example');
const staff = userByEmail('staff@northbridge.example');
const ownTeam = one<{ id: number; name: string }>('SELECT id, name FROM teams WHERE id = ?', manager.managedTeamIds[0]);
const outsider = one<{ id: number }>(`SELECT id FROM teams WHERE id NOT IN (${manager.managedTeamIds.join(',')}) LIMIT 1`).id;
const auditCount = () => one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n;
const lastAudit = () =>
  one<{ actorId: number; action: string; targetId: string; summary: string }>('SELECT actor_id AS actorId, action, target_id AS targetId, summary FROM audit_log ORDER BY id DESC LIMIT 1');

const teamReport = (teamId: number | string, query = '') =>
  getTeamReport(new Request(`http://localhost/api/reports/teams/${teamId}${query}`), { params: Promise.resolve({ teamId: String(teamId) }) });
const organisationReport = (query = '') => getOrganisationReport(new Request(`http://localhost/api/reports/organisation${query}`));
const pdfOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

beforeAll(() => {
  // Only the clock is frozen (at the day the organisation is seeded as of), so that pdfkit's streams still run.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_AS_OF);
  ensureSnapshotsReach(db, TEST_AS_OF);
});
afterAll(() => vi.useRealTimers());
beforeEach(() => session.mockReset());

// The current quarter (figures as of now) and the one before it (as of its last moment).
const QUARTERS = [
  { label: '2026-Q4', asOf: TEST_AS_OF },
  { label: '2026-Q3', asOf: new Date('2026-09-30T23:59:59.999Z') },
];

describe('a quarterly report shows the dashboard’s figures', () => {
  it.each(QUARTERS)('team report for $label: the PDF text carries the team dashboard’s score, completion and counts', async ({ label, asOf }) => {
    session.mockResolvedValue(manager);
    const response = await teamReport(ownTeam.id, `?quarter=${label}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="onchannel-finance-[a-z-]+-${label}\\.pdf"`));
    const text = pdfToText(await pdfOf(response));

    const dashboard = loadDashboard(db, { scope: manager.managedTeamIds, filters: parseDashboardFilters({ team: String(ownTeam.id) }), asOf });
    const figures = dashboard.figures!;
    expect(text).toContain(ownTeam.name);
    expect(text).toContain(figures.score!.toFixed(1));
    expect(text).toContain(formatShare(figures.attestationsDone, figures.attestationsDue));
    expect(text).toContain(formatShare(figures.highRisk, figures.members));

    const report = loadQuarterlyReport(db, { scope: { kind: 'team', teamId: ownTeam.id }, quarter: parseQuarterLabel(label)!, now: TEST_AS_OF, generatedBy: 'test' })!;
    expect(Object.keys(report.figures!)).toHaveLength(8);
    expect(figures).toMatchObject(report.figures!);
    expect(report.findings.map((f) => [f.ruleId, f.fails])).toEqual(dashboard.topRules.map((r) => [r.ruleId, r.fails]));
    // The people listed are those the snapshot counts, scored at the same instant.
    expect(report.highRisk.total).toBe(figures.highRisk);
    expect(report.highRisk.rows).toHaveLength(figures.highRisk);
    for (const person of report.highRisk.rows) expect(text).toContain(person.email);
  });

  it.each(QUARTERS)('organisation and sector reports for $label equal those dashboards', ({ label, asOf }) => {
    const quarter = parseQuarterLabel(label)!;
    const organisation = loadQuarterlyReport(db, { scope: { kind: 'organisation' }, quarter, now: TEST_AS_OF, generatedBy: 'test' })!;
    const orgDashboard = loadDashboard(db, { scope: 'all', filters: parseDashboardFilters({}), asOf });
    expect(organisation.figures?.score).toBe(orgDashboard.figures!.score);
    expect(organisation.figures?.attestationsDone).toBe(orgDashboard.figures!.attestationsDone);
    expect(organisation.figures?.highRisk).toBe(orgDashboard.figures!.highRisk);
    expect(organisation.highRisk.total).toBe(orgDashboard.figures!.highRisk);
    expect(organisation.teams.map((t) => t.figures?.score)).toEqual(orgDashboard.teams.map((t) => orgDashboard.teamFigures.get(t.id)?.score));

    const sector = loadQuarterlyReport(db, { scope: { kind: 'sector', sector: 'law' }, quarter, now: TEST_AS_OF, generatedBy: 'test' })!;
    const sectorDashboard = loadDashboard(db, { scope: 'all', filters: parseDashboardFilters({ sector: 'law' }), asOf });
    expect(sector.figures?.score).toBe(sectorDashboard.figures!.score);
    expect(sector.figures?.attestationsDue).toBe(sectorDashboard.figures!.attestationsDue);
    expect(sector.findings.map((f) => f.fails)).toEqual(sectorDashboard.topRules.map((r) => r.fails));
  });

  it('device posture of a past quarter, taken from the evidence, agrees with the live posture query on today', () => {
    const teamIds = [ownTeam.id];
    const scored = scoreMembers(db, { teamIds, asOf: TEST_AS_OF });
    const staleAfterDays = parametersInForce(db, { teamId: null, asOf: TEST_AS_OF }).staleDeviceDays;
    expect(postureOfDevices(devicesOfMembers(scored, scored.states), { staleAfterDays, asOf: TEST_AS_OF })).toEqual(devicePosture(db, { teamIds, asOf: TEST_AS_OF }));
  });
});

describe('who may export', () => {
  it('refuses a manager another team’s report: 404, no PDF, nothing in the audit log', async () => {
    session.mockResolvedValue(manager);
    const before = auditCount();
    const response = await teamReport(outsider, '?quarter=2026-Q3');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toContain('pdf');
    expect(auditCount()).toBe(before);
    expect((await organisationReport()).status).toBe(404);
    expect((await getArchive()).status).toBe(404);
    expect(auditCount()).toBe(before);
  });

  it('refuses staff (404), the signed-out (401), and a malformed team id (404)', async () => {
    session.mockResolvedValue(staff);
    expect((await teamReport(staff.memberTeamIds[0]!)).status).toBe(404);
    session.mockResolvedValue(null);
    expect((await teamReport(ownTeam.id)).status).toBe(401);
    session.mockResolvedValue(officer);
    expect((await teamReport('abc')).status).toBe(404);
    expect((await teamReport(999_999)).status).toBe(404);
  });

  it('answers 400 naming what is wrong for a bad quarter or sector, and records nothing', async () => {
    session.mockResolvedValue(officer);
    const before = auditCount();
    const malformed = await organisationReport('?quarter=2026-Q5');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toContain('quarter must look like 2026-Q3');
    const future = await organisationReport('?quarter=2027-Q1');
    expect(future.status).toBe(400);
    expect(((await future.json()) as { error: string }).error).toMatch(/There is no report for 2027-Q1: choose a quarter from \d{4}-Q\d to 2026-Q4\./);
    expect((await organisationReport('?quarter=2019-Q1')).status).toBe(400);
    const mismatch = await organisationReport(`?sector=law&team=${ownTeam.id}`);
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { error: string }).error).toBe(`${ownTeam.name} is not a law team: choose it with its own sector or with all sectors.`);
    expect((await organisationReport('?team=999999')).status).toBe(404);
    const sector = await organisationReport('?sector=banking');
    expect(sector.status).toBe(400);
    expect(JSON.stringify(await sector.json())).toContain('sector must be one of law, finance, government');
    expect(auditCount()).toBe(before);
  });
});

describe('exports are recorded', () => {
  it('records an officer’s organisation and sector exports in the audit log', async () => {
    session.mockResolvedValue(officer);
    const response = await organisationReport('?quarter=2026-Q3');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="onchannel-organisation-2026-Q3.pdf"');
    const bytes = await pdfOf(response);
    const entry = lastAudit();
    expect(entry).toMatchObject({ actorId: officer.id, action: 'report.export', targetId: 'organisation/2026-Q3' });
    expect(JSON.parse(entry.summary)).toMatchObject({ quarter: '2026-Q3', fileName: 'onchannel-organisation-2026-Q3.pdf', bytes: bytes.byteLength, asOf: '2026-09-30T23:59:59.999Z' });
    expect(pdfToText(bytes)).toContain('Whole organisation - 3 teams');

    const law = await organisationReport('?sector=law');
    expect(law.headers.get('content-disposition')).toBe('attachment; filename="onchannel-law-sector-2026-Q4.pdf"');
    expect(lastAudit()).toMatchObject({ action: 'report.export', targetId: 'sector:law/2026-Q4' });
    // The officer's form chooses a team with the dashboard's filters: the same report as the team's own route.
    const team = await organisationReport(`?sector=finance&team=${ownTeam.id}&quarter=2026-Q2`);
    expect(team.headers.get('content-disposition')).toMatch(/filename="onchannel-finance-[a-z-]+-2026-Q2\.pdf"/);
    expect(lastAudit()).toMatchObject({ action: 'report.export', targetId: `team:${ownTeam.id}/2026-Q2` });
  });

  it('gives officers every team’s last four quarters as one ZIP, recorded once', async () => {
    session.mockResolvedValue(officer);
    const response = await getArchive();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="onchannel-team-reports-2026-Q1-to-2026-Q4.zip"');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const teams = db.$client.prepare('SELECT name, sector FROM teams').all() as { name: string; sector: string }[];
    const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const expected = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].flatMap((q) => teams.map((t) => `onchannel-${t.sector}-${slug(t.name)}-${q}.pdf`));
    expect(Object.keys(files).sort()).toEqual(expected.sort());
    for (const [name, pdf] of Object.entries(files)) {
      expect(Buffer.from(pdf.subarray(0, 5)).toString(), name).toBe('%PDF-');
    }
    const q2 = Object.entries(files).find(([name]) => name.endsWith('2026-Q2.pdf'))!;
    expect(pdfToText(q2[1])).toContain('Figures as at the end of 2026-Q2 (30 Jun 2026).');
    const entry = lastAudit();
    expect(entry).toMatchObject({ actorId: officer.id, action: 'report.export-archive' });
    expect(JSON.parse(entry.summary)).toMatchObject({ quarters: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'], teams: teams.length, files: 4 * teams.length });
  });
});
