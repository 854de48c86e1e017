import type { DashboardFilters } from '@/lib/validation/dashboard';
import { DASHBOARD_RANGES } from '@/lib/validation/dashboard';
import { addDays, dayKey, parseDayKey } from '@/lib/time';
import type { AppDatabase } from '../connection';
import { memoUntilChange } from '../memo';
import { firstSnapshotDay } from '../snapshots';
import { findCurrentCampaign } from './campaigns';
import {
  chartMarkers,
  heatMap,
  quarterAgoDay,
  teamFiguresOnDay,
  teamsInView,
  topFailedRules,
  trendSeries,
  viewFigures,
  type ViewTeam,
} from './dashboard';
import { devicePosture } from './device-posture';
import { listTeamSummaries } from './teams';

/**
 * Everything an organisation or "my teams" dashboard shows, for the teams in `scope` narrowed by `filters`,
 * as of `asOf`. Read from the daily snapshots (call ensureSnapshotsReach or ensureScoresCurrent first) plus live device posture.
 * The headline is the organisation's own figures when the whole organisation is in view, else the teams'
 * combined figures (see combineFigures).
 */
export function loadDashboard(db: AppDatabase, { scope, filters, asOf }: { scope: 'all' | readonly number[]; filters: DashboardFilters; asOf: Date }) {
  const today = dayKey(asOf);
  const scopeTeams = teamsInView(db, { scope });
  const teams = teamsInView(db, { scope, sector: filters.sector, teamId: filters.teamId });
  const wholeOrganisation = scope === 'all' && !filters.sector && !filters.teamId;
  const view: 'organisation' | readonly ViewTeam[] = wholeOrganisation ? 'organisation' : teams;
  const teamIds = teams.map((t) => t.id);

  const figures = teams.length > 0 || wholeOrganisation ? viewFigures(db, { view, day: today }) : null;
  const previousDay = quarterAgoDay(today);
  const previous = figures ? viewFigures(db, { view, day: previousDay }) : null;

  const first = firstSnapshotDay(db);
  const days = DASHBOARD_RANGES[filters.range];
  const rangeStart = days === null ? (first ? dayKey(first) : today) : dayKey(addDays(parseDayKey(today), -(days - 1)));
  const trend = trendSeries(db, { view: wholeOrganisation ? 'organisation' : 'teams', teams, mode: filters.series, from: rangeStart, to: today });
  const markers = chartMarkers(db, { teamIds: wholeOrganisation ? 'all' : teamIds, from: rangeStart, to: today });

  const campaign = findCurrentCampaign(db, { asOf });
  // The live counts scan every membership and device of the organisation: reuse them until something changes.
  const viewKey = `${today}:${teamIds.join(',')}`;
  const summaries = memoUntilChange(db, `team-summaries:${campaign?.id ?? ''}:${viewKey}`, () =>
    listTeamSummaries(db, { scope: teamIds, campaignId: campaign?.id ?? null }),
  );
  const posture = memoUntilChange(db, `device-posture:${viewKey}`, () => devicePosture(db, { teamIds, asOf }));
  return {
    today,
    wholeOrganisation,
    scopeTeams,
    teams,
    figures,
    previous: previous && previous.day <= previousDay ? previous : null,
    previousDay,
    rangeStart,
    trend,
    markers,
    heat: heatMap(db, { teams, day: today }),
    topRules: topFailedRules(db, { teams, day: today }),
    teamFigures: teamFiguresOnDay(db, { teamIds, day: today }),
    posture,
    campaign,
    summaries,
  };
}

export type DashboardData = ReturnType<typeof loadDashboard>;
