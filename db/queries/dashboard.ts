import { bandFor, HIGH_RISK_SHARE_FOR_MEDIUM } from '@/lib/scoring';
import { findRule, getPack } from '@/lib/policy';
import type { RiskBand, Sector, Severity } from '@/lib/policy/constants';
import { parseDayKey } from '@/lib/time';
import type { AppDatabase } from '../connection';
import type { SnapshotFigures } from './scores';

/** A team the viewer may see and that passes the dashboard's filters. */
export interface ViewTeam {
  id: number;
  name: string;
  sector: Sector;
}

/**
 * The teams a dashboard shows: those in `scope` (from lib/auth/roles `teamScope`), narrowed by `sector` and
 * `teamId`. A team outside the scope is never returned, whatever the filters ask for.
 */
export function teamsInView(
  db: AppDatabase,
  { scope, sector = null, teamId = null }: { scope: 'all' | readonly number[]; sector?: Sector | null; teamId?: number | null },
): ViewTeam[] {
  const rows = db.$client.prepare('SELECT id, name, sector FROM teams ORDER BY sector, name').all() as ViewTeam[];
  return rows.filter((t) => (scope === 'all' || scope.includes(t.id)) && (!sector || t.sector === sector) && (!teamId || t.id === teamId));
}

type Row = Omit<SnapshotFigures, 'ruleFailCounts'> & { teamId: number; ruleFailCounts: string };
const COLUMNS = `team_id AS teamId, day, score, band, members, high_risk AS highRisk, attestations_due AS attestationsDue,
  attestations_done AS attestationsDone, open_exceptions AS openExceptions, rule_fail_counts AS ruleFailCounts`;
const parse = ({ teamId, ...row }: Row): SnapshotFigures & { teamId: number } => ({ teamId, ...row, ruleFailCounts: JSON.parse(row.ruleFailCounts) as Record<string, number> });

/** The latest snapshot day at or before `day`, or null before the first snapshot. */
export function snapshotDayAtOrBefore(db: AppDatabase, { day }: { day: string }): string | null {
  const row = db.$client.prepare('SELECT max(day) AS day FROM org_score_snapshots WHERE day <= ?').get(day) as { day: string | null };
  return row.day;
}

/** Each team's stored figures on `day` (the snapshot day at or before it), for the given teams. */
export function teamFiguresOnDay(db: AppDatabase, { teamIds, day }: { teamIds: readonly number[]; day: string }): Map<number, SnapshotFigures> {
  const on = snapshotDayAtOrBefore(db, { day });
  if (!on || teamIds.length === 0) return new Map();
  const rows = db.$client
    .prepare(`SELECT ${COLUMNS} FROM team_score_snapshots WHERE day = ? AND team_id IN (SELECT value FROM json_each(?))`)
    .all(on, JSON.stringify(teamIds)) as Row[];
  return new Map(rows.map((r) => [r.teamId, parse(r)]));
}

/**
 * Figures of several teams together: sums of counts, and the member-weighted mean of the team scores.
 * That mean approximates the engine's roll-up (it does not re-apply supervisor weights, and counts a person
 * in two teams twice); the band follows the engine's rule from that score and the high-risk share.
 * One team's figures are returned unchanged.
 */
export function combineFigures(figures: readonly SnapshotFigures[], day: string): SnapshotFigures {
  if (figures.length === 1) return figures[0]!;
  const scored = figures.filter((f) => f.score !== null && f.members > 0);
  const members = figures.reduce((sum, f) => sum + f.members, 0);
  const weight = scored.reduce((sum, f) => sum + f.members, 0);
  const score = weight > 0 ? Math.round((scored.reduce((sum, f) => sum + f.score! * f.members, 0) / weight) * 10) / 10 : null;
  const highRisk = figures.reduce((sum, f) => sum + f.highRisk, 0);
  let band: RiskBand | null = score === null ? null : bandFor(score);
  if (band === 'low' && members > 0 && highRisk / members >= HIGH_RISK_SHARE_FOR_MEDIUM) band = 'medium';
  const ruleFailCounts: Record<string, number> = {};
  for (const f of figures) for (const [rule, n] of Object.entries(f.ruleFailCounts)) ruleFailCounts[rule] = (ruleFailCounts[rule] ?? 0) + n;
  return {
    day,
    score,
    band,
    members,
    highRisk,
    attestationsDue: figures.reduce((sum, f) => sum + f.attestationsDue, 0),
    attestationsDone: figures.reduce((sum, f) => sum + f.attestationsDone, 0),
    openExceptions: figures.reduce((sum, f) => sum + f.openExceptions, 0),
    ruleFailCounts,
  };
}

/** The figures of a view on `day`: the organisation's own row, or the combination of the given teams'. */
export function viewFigures(db: AppDatabase, { view, day }: { view: 'organisation' | readonly ViewTeam[]; day: string }): SnapshotFigures | null {
  if (view === 'organisation') {
    const row = db.$client.prepare(`SELECT ${COLUMNS.replace('team_id AS teamId, ', '')} FROM org_score_snapshots WHERE day <= ? ORDER BY day DESC LIMIT 1`).get(day) as
      | Omit<Row, 'teamId'>
      | undefined;
    return row ? { ...row, ruleFailCounts: JSON.parse(row.ruleFailCounts) as Record<string, number> } : null;
  }
  const figures = teamFiguresOnDay(db, { teamIds: view.map((t) => t.id), day });
  return figures.size === 0 ? null : combineFigures([...figures.values()], [...figures.values()][0]!.day);
}

/**
 * The day "a quarter ago" that the change is measured from: the same calendar day three months earlier
 * (clamped to the end of a shorter month, so 31 May → 28/29 Feb). The figures are those of the latest
 * snapshot on or before it.
 */
export function quarterAgoDay(day: string): string {
  const date = parseDayKey(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() - 3;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfMonth))).toISOString().slice(0, 10);
}

/** One line of the risk-over-time chart. */
export interface TrendLine {
  key: string;
  label: string;
}

/** Chart data: one point per snapshot day, with a value (score, or null for no members) per line key. */
export interface TrendSeries {
  lines: TrendLine[];
  points: { day: string; values: Record<string, number | null> }[];
}

/** Most lines one chart draws; more would be unreadable (the table alternative lists the same). */
export const MAX_TREND_LINES = 12;

/**
 * Scores over [from, to] from the daily snapshots. `total`: one line (the organisation's own row when
 * `view` is the organisation, else the combined teams); `sector`: one line per sector; `team`: one per team
 * (at most MAX_TREND_LINES).
 */
export function trendSeries(
  db: AppDatabase,
  { view, teams, mode, from, to }: { view: 'organisation' | 'teams'; teams: readonly ViewTeam[]; mode: 'total' | 'sector' | 'team'; from: string; to: string },
): TrendSeries {
  if (view === 'organisation' && mode === 'total') {
    const rows = db.$client.prepare('SELECT day, score FROM org_score_snapshots WHERE day BETWEEN ? AND ? ORDER BY day').all(from, to) as { day: string; score: number | null }[];
    return { lines: [{ key: 'organisation', label: 'Organisation' }], points: rows.map((r) => ({ day: r.day, values: { organisation: r.score } })) };
  }
  const shown = mode === 'team' ? teams.slice(0, MAX_TREND_LINES) : teams;
  const rows = db.$client
    .prepare(`SELECT ${COLUMNS} FROM team_score_snapshots WHERE day BETWEEN ? AND ? AND team_id IN (SELECT value FROM json_each(?)) ORDER BY day, team_id`)
    .all(from, to, JSON.stringify(shown.map((t) => t.id))) as Row[];
  const teamById = new Map(shown.map((t) => [t.id, t]));
  const groupOf = (teamId: number) => (mode === 'team' ? `team-${teamId}` : mode === 'sector' ? teamById.get(teamId)!.sector : 'total');
  const lines: TrendLine[] =
    mode === 'team'
      ? shown.map((t) => ({ key: `team-${t.id}`, label: t.name }))
      : mode === 'sector'
        ? [...new Set(shown.map((t) => t.sector))].map((s) => ({ key: s, label: `${s.charAt(0).toUpperCase()}${s.slice(1)}` }))
        : [{ key: 'total', label: teams.length === 1 ? teams[0]!.name : 'Teams shown' }];
  const byDay = new Map<string, Map<string, SnapshotFigures[]>>();
  for (const row of rows) {
    const groups = byDay.get(row.day) ?? new Map<string, SnapshotFigures[]>();
    byDay.set(row.day, groups);
    const key = groupOf(row.teamId);
    groups.set(key, [...(groups.get(key) ?? []), parse(row)]);
  }
  const points = [...byDay].map(([day, groups]) => ({
    day,
    values: Object.fromEntries(lines.map((line) => [line.key, groups.has(line.key) ? combineFigures(groups.get(line.key)!, day).score : null])),
  }));
  return { lines, points };
}

/** A dated event drawn on the chart. */
export interface ChartMarker {
  day: string;
  kind: 'campaign-opens' | 'campaign-due' | 'policy-change';
  label: string;
}

/** Campaign openings and due dates, and policy-setting changes (organisation-wide or for a team in view), in [from, to]. */
export function chartMarkers(db: AppDatabase, { teamIds, from, to }: { teamIds: 'all' | readonly number[]; from: string; to: string }): ChartMarker[] {
  const start = parseDayKey(from).getTime();
  const end = parseDayKey(to).getTime() + 86_400_000;
  const ids = teamIds === 'all' ? null : JSON.stringify(teamIds);
  const campaigns = db.$client
    .prepare(
      `SELECT c.period, c.opens_at AS opensAt, c.due_at AS dueAt FROM campaigns c
       WHERE (c.opens_at BETWEEN @start AND @end OR c.due_at BETWEEN @start AND @end)
       AND (c.all_teams = 1 OR @ids IS NULL OR EXISTS (SELECT 1 FROM campaign_teams ct WHERE ct.campaign_id = c.id AND ct.team_id IN (SELECT value FROM json_each(@ids))))`,
    )
    .all({ start, end, ids }) as { period: string; opensAt: number; dueAt: number }[];
  const settings = db.$client
    .prepare(
      `SELECT p.effective_from AS at, t.name AS team FROM policy_settings p LEFT JOIN teams t ON t.id = p.team_id
       WHERE p.effective_from BETWEEN @start AND @end AND (p.team_id IS NULL OR @ids IS NULL OR p.team_id IN (SELECT value FROM json_each(@ids)))`,
    )
    .all({ start, end, ids }) as { at: number; team: string | null }[];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const inRange = (ms: number) => ms >= start && ms < end;
  return [
    ...campaigns.flatMap((c) => [
      ...(inRange(c.opensAt) ? [{ day: day(c.opensAt), kind: 'campaign-opens' as const, label: `${c.period} opens` }] : []),
      ...(inRange(c.dueAt) ? [{ day: day(c.dueAt), kind: 'campaign-due' as const, label: `${c.period} due` }] : []),
    ]),
    ...settings.map((s) => ({ day: day(s.at), kind: 'policy-change' as const, label: s.team ? `Policy change (${s.team})` : 'Policy change' })),
  ].sort((a, b) => a.day.localeCompare(b.day));
}

/** One row of the team × rule heat map: failures per rule, or null where the rule is not in the team's pack. */
export interface HeatMapRow {
  team: ViewTeam;
  members: number;
  fails: Record<string, number | null>;
}

/** Team × rule failures on `day`: rules with at least one failure in view, most failed first. */
export function heatMap(db: AppDatabase, { teams, day }: { teams: readonly ViewTeam[]; day: string }): { ruleIds: string[]; rows: HeatMapRow[] } {
  const figures = teamFiguresOnDay(db, { teamIds: teams.map((t) => t.id), day });
  const totals = new Map<string, number>();
  for (const f of figures.values()) for (const [rule, n] of Object.entries(f.ruleFailCounts)) if (n > 0) totals.set(rule, (totals.get(rule) ?? 0) + n);
  const ruleIds = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule]) => rule);
  const rows = teams.map((team) => {
    const f = figures.get(team.id);
    const inPack = new Set(getPack(team.sector).rules.map((r) => r.id));
    return { team, members: f?.members ?? 0, fails: Object.fromEntries(ruleIds.map((rule) => [rule, inPack.has(rule) ? (f?.ruleFailCounts[rule] ?? 0) : null])) };
  });
  return { ruleIds, rows };
}

/** A rule with how many people fail it in view. */
export interface FailedRule {
  ruleId: string;
  title: string;
  citation: string;
  severity: Severity | null;
  fails: number;
  teams: number;
}

/** The most failed rules on `day` across the teams in view, with titles and citations from the packs. */
export function topFailedRules(db: AppDatabase, { teams, day, limit = 10 }: { teams: readonly ViewTeam[]; day: string; limit?: number }): FailedRule[] {
  const { ruleIds, rows } = heatMap(db, { teams, day });
  return ruleIds.slice(0, limit).map((ruleId) => {
    const sector = rows.find((r) => (r.fails[ruleId] ?? 0) > 0)?.team.sector;
    const rule = findRule(ruleId, sector);
    return {
      ruleId,
      title: rule?.title ?? 'Rule no longer in the packs',
      citation: rule?.citation ?? '',
      severity: rule?.severity ?? null,
      fails: rows.reduce((sum, r) => sum + (r.fails[ruleId] ?? 0), 0),
      teams: rows.filter((r) => (r.fails[ruleId] ?? 0) > 0).length,
    };
  });
}
