import type { CsvCell } from '@/lib/csv/write';
import type { DashboardFilters } from '@/lib/validation/dashboard';
import type { AppDatabase } from '../connection';
import { campaignInForceFor, listCampaignsWithAudience } from './campaigns';
import { loadDashboard } from './dashboard-data';
import { scoreTeam } from './scores';
import { listTeamMembers } from './teams';

/** The dashboard tables that can be downloaded. */
export const DASHBOARD_TABLES = ['teams', 'heat-map', 'rules', 'apps', 'trend', 'members'] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export interface TableExport {
  headers: string[];
  rows: CsvCell[][];
}

/**
 * One dashboard table as rows, for the teams in `scope` narrowed by `filters` — the same figures the page
 * shows. `members` needs `filters.teamId` (checked against the scope by the caller).
 */
export function exportDashboardTable(
  db: AppDatabase,
  { table, scope, filters, asOf }: { table: DashboardTable; scope: 'all' | readonly number[]; filters: DashboardFilters; asOf: Date },
): TableExport {
  if (table === 'members') return membersTable(db, { teamId: filters.teamId!, asOf });
  const data = loadDashboard(db, { scope, filters, asOf });
  switch (table) {
    case 'teams':
      return {
        headers: ['Team', 'Sector', 'Day', 'Score', 'Band', 'Members', 'High risk', 'Attestations due', 'Attestations done', 'Open exceptions', 'Devices', 'Managers'],
        rows: data.summaries.map((t) => {
          const f = data.teamFigures.get(t.id);
          return [t.name, t.sector, f?.day, f?.score, f?.band, f?.members ?? t.members, f?.highRisk, f?.attestationsDue, f?.attestationsDone, f?.openExceptions, t.devices, t.managers.join('; ')];
        }),
      };
    case 'heat-map':
      return {
        headers: ['Team', 'Members', ...data.heat.ruleIds],
        rows: data.heat.rows.map((r) => [r.team.name, r.members, ...data.heat.ruleIds.map((rule) => (r.fails[rule] === null ? 'n/a' : r.fails[rule]))]),
      };
    case 'rules':
      return {
        headers: ['Rule', 'Title', 'Severity', 'People failing', 'Teams', 'Citation'],
        rows: data.topRules.map((r) => [r.ruleId, r.title, r.severity, r.fails, r.teams, r.citation]),
      };
    case 'apps':
      return {
        headers: ['App', 'Devices', 'On personal devices', 'Cloud backup on', 'Used for business'],
        rows: data.posture.apps.map((a) => [a.app, a.devices, a.personal, a.cloudBackup, a.businessUse]),
      };
    case 'trend':
      return {
        headers: ['Day', ...data.trend.lines.map((l) => l.label)],
        rows: data.trend.points.map((p) => [p.day, ...data.trend.lines.map((l) => p.values[l.key])]),
      };
  }
}

function membersTable(db: AppDatabase, { teamId, asOf }: { teamId: number; asOf: Date }): TableExport {
  // The campaign this team answers, which may be a team-only one.
  const campaign = campaignInForceFor(listCampaignsWithAudience(db), teamId, asOf);
  const scores = new Map(scoreTeam(db, { teamId, asOf }).members.map((m) => [m.userId, m.personScore]));
  const members = listTeamMembers(db, { teamId, campaignId: campaign?.id ?? null }).sort(
    (a, b) => (scores.get(a.userId)?.score ?? 101) - (scores.get(b.userId)?.score ?? 101) || a.name.localeCompare(b.name),
  );
  return {
    headers: ['Name', 'E-mail', 'Job title', 'Manager', 'Score', 'Band', 'Findings', 'Devices', 'Attested at'],
    rows: members.map((m) => [
      m.name,
      m.email,
      m.jobTitle,
      m.isManager,
      scores.get(m.userId)?.score,
      scores.get(m.userId)?.band,
      scores.get(m.userId)?.failedRuleIds.join(' '),
      m.devices,
      m.attestedAt === null ? null : new Date(m.attestedAt),
    ]),
  };
}
