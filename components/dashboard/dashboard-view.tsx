import { CsvLink } from '@/components/dashboard/csv-link';
import { DashboardFiltersForm } from '@/components/dashboard/dashboard-filters';
import { DevicePostureSection } from '@/components/dashboard/device-posture';
import { HeatMap } from '@/components/dashboard/heat-map';
import { ScoreChange } from '@/components/dashboard/score-change';
import { TopRules } from '@/components/dashboard/top-rules';
import { TrendPanel } from '@/components/dashboard/trend-panel';
import { ScoreWithBand } from '@/components/scores/band-badge';
import { TeamSummaryTable } from '@/components/teams/team-summary-table';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import type { DashboardData } from '@/db/queries/dashboard-data';
import { formatDate, formatShare } from '@/lib/format';
import { parseDayKey } from '@/lib/time';
import { RANGE_LABELS, dashboardQuery, type DashboardFilters } from '@/lib/validation/dashboard';

/**
 * The organisation / "my teams" dashboard body: headline with change since a quarter ago, risk over time,
 * teams, team × rule heat map, most failed rules and device posture, each table with its CSV download.
 */
export function DashboardView({
  data,
  filters,
  basePath,
  showSector,
  teamsCaption,
}: {
  data: DashboardData;
  filters: DashboardFilters;
  basePath: string;
  showSector: boolean;
  teamsCaption: string;
}) {
  const query = dashboardQuery(filters);
  const csv = (table: string) => `/api/dashboard/${table}${query}`;
  const { figures } = data;
  const viewName = data.wholeOrganisation ? 'Organisation' : data.teams.length === 1 ? data.teams[0]!.name : `the ${data.teams.length} teams shown`;
  const scoreLabel = data.teams.length > 1 && !data.wholeOrganisation ? `Score of ${viewName}` : `${viewName} score`;
  return (
    <>
      <DashboardFiltersForm action={basePath} filters={filters} teams={data.scopeTeams} showSector={showSector} />
      {data.teams.length === 0 ? (
        <EmptyState title="No team matches these filters">
          Choose another sector or team, or <a href={basePath} className="text-indigo-800 underline">reset the filters</a>.
        </EmptyState>
      ) : (
        <>
          <dl className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat
              label={scoreLabel}
              value={<ScoreWithBand score={figures?.score ?? null} band={figures?.band ?? null} />}
              detail={<ScoreChange now={figures} before={data.previous} beforeDay={data.previousDay} />}
            />
            <Stat label="People at high risk" value={figures ? formatShare(figures.highRisk, figures.members) : '—'} detail={figures ? `On ${formatDate(parseDayKey(figures.day))}` : undefined} />
            <Stat
              label={data.campaign ? `${data.campaign.period} attested` : 'Attested'}
              value={figures ? formatShare(figures.attestationsDone, figures.attestationsDue) : '—'}
              detail={data.campaign ? `Due ${formatDate(data.campaign.dueAt)}` : 'No campaign open: create one under Campaigns.'}
            />
            <Stat label="Open exceptions" value={figures?.openExceptions ?? '—'} detail="Waivers in force today" />
          </dl>
          <p className="-mt-6 mb-8 text-xs text-slate-600">
            Change is measured against the snapshot on the same day a quarter ago ({formatDate(parseDayKey(data.previousDay))}).
            {data.wholeOrganisation ? null : ' Scores of several teams together are the member-weighted mean of their team scores.'}
          </p>

          <TrendPanel
            title="Risk over time"
            description={`${RANGE_LABELS[filters.range]}: daily score (0–100, higher is safer) ${filters.series === 'team' ? 'per team' : filters.series === 'sector' ? 'per sector' : `of ${data.wholeOrganisation ? 'the organisation' : viewName}`}, with campaigns and policy changes marked.`}
            trend={data.trend}
            markers={data.markers}
            actions={<CsvLink href={csv('trend')} label="the trend" />}
          />

          <Card title="Teams" className="mb-8">
            <TeamSummaryTable teams={data.summaries} caption={teamsCaption} period={data.campaign?.period ?? null} figures={data.teamFigures} />
            <div className="mt-3">
              <CsvLink href={csv('teams')} label="teams" />
            </div>
          </Card>

          <Card title="Findings by team and rule" className="mb-8">
            <HeatMap ruleIds={data.heat.ruleIds} rows={data.heat.rows} teamHref={(id) => `/teams/${id}`} />
            <div className="mt-3">
              <CsvLink href={csv('heat-map')} label="the heat map" />
            </div>
          </Card>

          <Card title="Most failed rules" className="mb-8">
            <TopRules rules={data.topRules} />
            <div className="mt-3">
              <CsvLink href={csv('rules')} label="rules" />
            </div>
          </Card>

          <Card title="Device posture" className="mb-8">
            <DevicePostureSection posture={data.posture} contradictions={figures?.ruleFailCounts.X6 ?? 0} />
            <div className="mt-3">
              <CsvLink href={csv('apps')} label="messaging apps" />
            </div>
          </Card>
        </>
      )}
    </>
  );
}
