import { describe, expect, it } from 'vitest';
import { chartMarkers, combineFigures, heatMap, quarterAgoDay, teamsInView, topFailedRules, trendSeries, viewFigures } from '@/db/queries/dashboard';
import { loadDashboard } from '@/db/queries/dashboard-data';
import { countDevicesInService } from '@/db/queries/devices';
import { devicePosture } from '@/db/queries/device-posture';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import { findPersonInScope, personScoreHistory } from '@/db/queries/people';
import { exportPersonalData } from '@/db/queries/personal-data';
import { scorePerson } from '@/db/queries/scores';
import { ensureSnapshotsReach, firstSnapshotDay } from '@/db/snapshots';
import { scoreDay } from '@/lib/scoring/day';
import { dayKey } from '@/lib/time';
import { parseDashboardFilters } from '@/lib/validation/dashboard';
import { TEST_AS_OF, createSeededDatabase } from '../helpers/database';

const db = createSeededDatabase();
ensureSnapshotsReach(db, TEST_AS_OF);
const today = dayKey(TEST_AS_OF);
const first = dayKey(firstSnapshotDay(db)!);
const allTeams = teamsInView(db, { scope: 'all' });
const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const manager = one<{ id: number }>("SELECT id FROM users WHERE email = 'manager@northbridge.example'").id;
const managed = (db.$client.prepare('SELECT team_id AS id FROM team_managers WHERE user_id = ?').all(manager) as { id: number }[]).map((r) => r.id);
const outsider = allTeams.find((t) => !managed.includes(t.id))!;

describe('dashboard figures equal the scoring engine', () => {
  const scores = scoreDay(loadEvidenceHistory(db, { from: TEST_AS_OF, to: TEST_AS_OF }), TEST_AS_OF);

  it('heat-map cells are each team’s rule fail counts for the day', () => {
    const { ruleIds, rows } = heatMap(db, { teams: allTeams, day: today });
    expect(ruleIds.length).toBeGreaterThan(0);
    for (const row of rows) {
      const engine = scores.teams.get(row.team.id)!;
      expect(row.members).toBe(engine.members);
      for (const rule of ruleIds) {
        if (row.fails[rule] === null) continue;
        const expected = scores.members.filter((m) => m.teamId === row.team.id && m.results.some((r) => r.ruleId === rule && r.status === 'fail')).length;
        expect(row.fails[rule], `${row.team.name} ${rule}`).toBe(expected);
      }
    }
  });

  it('most failed rules sum the teams, most failed first, with titles and citations', () => {
    const rules = topFailedRules(db, { teams: allTeams, day: today, limit: 50 });
    for (const rule of rules) {
      const expected = [...scores.teams.values()].reduce((sum, t) => sum + (t.ruleFailCounts[rule.ruleId] ?? 0), 0);
      expect(rule.fails, rule.ruleId).toBe(expected);
      expect(rule.title).not.toBe('');
      expect(rule.citation).not.toBe('');
    }
    expect(rules.map((r) => r.fails)).toEqual([...rules.map((r) => r.fails)].sort((a, b) => b - a));
  });

  it('the organisation headline is the organisation’s own roll-up; one team’s view is the team’s', () => {
    const organisation = viewFigures(db, { view: 'organisation', day: today })!;
    expect(organisation.score).toBe(scores.organisation.score);
    expect(organisation.band).toBe(scores.organisation.band);
    const team = allTeams[0]!;
    expect(viewFigures(db, { view: [team], day: today })!.score).toBe(scores.teams.get(team.id)!.score);
  });

  it('trend points are the snapshot rows, day by day', () => {
    const org = trendSeries(db, { view: 'organisation', teams: allTeams, mode: 'total', from: first, to: today });
    const rows = db.$client.prepare('SELECT day, score FROM org_score_snapshots ORDER BY day').all() as { day: string; score: number | null }[];
    expect(org.points.map((p) => [p.day, p.values.organisation])).toEqual(rows.map((r) => [r.day, r.score]));

    const perTeam = trendSeries(db, { view: 'teams', teams: allTeams, mode: 'team', from: '2026-01-01', to: today });
    const team = allTeams[1]!;
    const teamRows = db.$client.prepare("SELECT day, score FROM team_score_snapshots WHERE team_id = ? AND day >= '2026-01-01' ORDER BY day").all(team.id) as { day: string; score: number | null }[];
    expect(perTeam.points.map((p) => [p.day, p.values[`team-${team.id}`]])).toEqual(teamRows.map((r) => [r.day, r.score]));

    const sectors = trendSeries(db, { view: 'teams', teams: allTeams, mode: 'sector', from: today, to: today });
    expect(sectors.lines.map((l) => l.key).sort()).toEqual([...new Set(allTeams.map((t) => t.sector))].sort());
  });

  it('combines teams by member-weighted mean and sums the counts', () => {
    const a = { day: today, score: 80, band: 'medium' as const, members: 3, highRisk: 0, attestationsDue: 3, attestationsDone: 1, openExceptions: 0, ruleFailCounts: { X1: 1 } };
    const b = { ...a, score: 40, band: 'high' as const, members: 1, highRisk: 1, ruleFailCounts: { X1: 2, X2: 1 } };
    expect(combineFigures([a, b], today)).toMatchObject({ score: 70, band: 'medium', members: 4, highRisk: 1, attestationsDone: 2, ruleFailCounts: { X1: 3, X2: 1 } });
    expect(combineFigures([a], today)).toBe(a);
  });

  it('marks campaign openings and due dates within the range', () => {
    const markers = chartMarkers(db, { teamIds: 'all', from: first, to: today });
    const campaigns = (db.$client.prepare('SELECT count(*) AS n FROM campaigns WHERE opens_at <= ?').get(TEST_AS_OF.getTime()) as { n: number }).n;
    expect(markers.filter((m) => m.kind === 'campaign-opens')).toHaveLength(campaigns);
    expect(markers.every((m) => m.day >= first && m.day <= today)).toBe(true);
  });

  it('device posture counts each device in service once', () => {
    const posture = devicePosture(db, { teamIds: allTeams.map((t) => t.id), asOf: TEST_AS_OF });
    expect(posture.devices).toBe(countDevicesInService(db));
    expect(posture.unmanaged).toBeLessThanOrEqual(posture.devices);
    for (const app of posture.apps) expect(app.cloudBackup).toBeLessThanOrEqual(app.devices);
  });
});

describe('change since a quarter ago', () => {
  it('is measured from the same calendar day three months earlier, clamped to shorter months', () => {
    expect(quarterAgoDay('2026-11-23')).toBe('2026-08-23');
    expect(quarterAgoDay('2026-05-31')).toBe('2026-02-28');
    expect(quarterAgoDay('2026-02-15')).toBe('2025-11-15');
  });
});

describe('scope', () => {
  it('never returns a team outside the scope, whatever the filters ask for', () => {
    expect(teamsInView(db, { scope: managed }).map((t) => t.id).sort()).toEqual([...managed].sort());
    expect(teamsInView(db, { scope: managed, teamId: outsider.id })).toEqual([]);
    expect(teamsInView(db, { scope: [] })).toEqual([]);
    const data = loadDashboard(db, { scope: managed, filters: parseDashboardFilters({ team: String(outsider.id) }), asOf: TEST_AS_OF });
    expect(data.teams).toEqual([]);
    expect(data.heat.rows).toEqual([]);
    expect(data.posture.devices).toBe(0);
  });

  it('reaches a person only through a team in scope; staff reach nobody', () => {
    const member = one<{ user_id: number }>('SELECT user_id FROM team_members WHERE team_id = ? AND left_at IS NULL', managed[0]);
    const stranger = one<{ user_id: number }>(
      `SELECT user_id FROM team_members WHERE team_id = ? AND left_at IS NULL AND user_id NOT IN (SELECT user_id FROM team_members WHERE team_id IN (${managed.join(',')}) AND left_at IS NULL)`,
      outsider.id,
    );
    expect(findPersonInScope(db, { userId: member.user_id, scope: managed })?.teams.map((t) => t.id)).toContain(managed[0]);
    expect(findPersonInScope(db, { userId: stranger.user_id, scope: managed })).toBeNull();
    expect(findPersonInScope(db, { userId: stranger.user_id, scope: 'all' })?.id).toBe(stranger.user_id);
    expect(findPersonInScope(db, { userId: member.user_id, scope: [] })).toBeNull();
    expect(findPersonInScope(db, { userId: 999_999, scope: 'all' })).toBeNull();
  });
});

describe('a person’s own data', () => {
  const staff = one<{ id: number }>("SELECT id FROM users WHERE email = 'staff@northbridge.example'").id;

  it('score history ends with today’s live score', () => {
    const history = personScoreHistory(db, { userId: staff, asOf: TEST_AS_OF });
    const live = scorePerson(db, { userId: staff, asOf: TEST_AS_OF });
    expect(history.points.length).toBeGreaterThanOrEqual(12);
    const last = history.points[history.points.length - 1]!;
    expect(last.day).toBe(today);
    for (const s of live) expect(last.values[`team-${s.teamId}`]).toBe(s.personScore.score);
  });

  it('export holds their records and nothing secret or about anyone else', () => {
    const data = exportPersonalData(db, { userId: staff, asOf: TEST_AS_OF })!;
    const devices = (db.$client.prepare('SELECT count(*) AS n FROM devices WHERE owner_id = ?').get(staff) as { n: number }).n;
    const attestations = (db.$client.prepare('SELECT count(*) AS n FROM attestations WHERE user_id = ?').get(staff) as { n: number }).n;
    expect(data.profile.email).toBe('staff@northbridge.example');
    expect(data.devices).toHaveLength(devices);
    expect(data.attestations).toHaveLength(attestations);
    expect(data.memberships.length).toBeGreaterThan(0);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/\$2[aby]\$/);
    expect(text).not.toContain('password_hash');
    expect(text).not.toContain('officer@northbridge.example');
    expect(text).not.toContain('manager@northbridge.example');
  });
});
