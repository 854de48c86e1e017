import { findRule } from '@/lib/policy';
import {
  isQuarterComplete,
  lastDayOf,
  postureOfDevices,
  quarterOptionLabel,
  quartersEndingWith,
  reportableQuarters,
  reportInstant,
  scopeNames,
  type QuarterlyReport,
  type ReportFigures,
  type ReportScope,
} from '@/lib/reports';
import { dayKey, previousQuarter, type Period } from '@/lib/time';
import type { AppDatabase } from '../connection';
import { firstSnapshotDay } from '../snapshots';
import { campaignInForceFor, findCurrentCampaign, listCampaignsWithAudience } from './campaigns';
import { chartMarkers, teamFiguresOnDay, teamsInView, topFailedRules, trendSeries, viewFigures, type ViewTeam } from './dashboard';
import { devicePosture } from './device-posture';
import { listExceptions } from './exceptions';
import { findOrganisation } from './organisation';
import { parametersInForce } from './policy';
import { devicesOfMembers, highRiskPeople, overdueAttestations, scoreMembers, statesOf } from './report-people';
import type { SnapshotFigures } from './scores';

/** Longest list of people an organisation or sector report prints (a team report lists everyone). */
export const REPORT_LIST_LIMIT = 100;

/** The organisation's fiscal-year start month (1–12), January before seeding. */
export function fiscalYearStartMonth(db: AppDatabase): number {
  return findOrganisation(db)?.fiscalYearStartMonth ?? 1;
}

/** The quarters a report can be asked for on `now`, newest first: the current one and each earlier one with figures. */
export function reportQuarters(db: AppDatabase, { now }: { now: Date }): Period[] {
  return reportableQuarters(now, fiscalYearStartMonth(db), firstSnapshotDay(db));
}

/** The same quarters as the picker offers them: label and '2026-Q3 (Jul to Sep 2026)'. */
export function reportQuarterChoices(db: AppDatabase, { now }: { now: Date }): { label: string; text: string }[] {
  return reportQuarters(db, { now }).map((q) => ({ label: q.label, text: quarterOptionLabel(q, now) }));
}

/** The teams a scope covers, or null for a team that does not exist. */
export function teamsOfScope(db: AppDatabase, scope: ReportScope): ViewTeam[] | null {
  if (scope.kind === 'organisation') return teamsInView(db, { scope: 'all' });
  if (scope.kind === 'sector') return teamsInView(db, { scope: 'all', sector: scope.sector });
  const teams = teamsInView(db, { scope: [scope.teamId] });
  return teams.length === 1 ? teams : null;
}

const figuresOf = (f: SnapshotFigures | null | undefined): ReportFigures | null =>
  f
    ? { day: f.day, score: f.score, band: f.band, members: f.members, highRisk: f.highRisk, attestationsDue: f.attestationsDue, attestationsDone: f.attestationsDone, openExceptions: f.openExceptions }
    : null;

/**
 * Everything the quarterly report of `scope` for `quarter` shows, as of the quarter's last moment (or `now`
 * while it is in progress). Headline figures, findings by rule, per-team rows and the trend are the
 * dashboard's, read from the daily snapshots (call ensureSnapshotsReach or ensureScoresCurrent first); the lists of people,
 * exceptions and, for a past quarter, device posture come from the evidence as it stood then.
 * Null when the scope names a team that does not exist.
 */
export function loadQuarterlyReport(
  db: AppDatabase,
  { scope, quarter, now, generatedBy }: { scope: ReportScope; quarter: Period; now: Date; generatedBy: string },
): QuarterlyReport | null {
  const teams = teamsOfScope(db, scope);
  if (!teams) return null;
  const organisation = findOrganisation(db);
  const fiscal = organisation?.fiscalYearStartMonth ?? 1;
  const asOf = reportInstant(quarter, now);
  const day = dayKey(asOf);
  const teamIds = teams.map((t) => t.id);
  const wholeOrganisation = scope.kind === 'organisation';
  const view = wholeOrganisation ? 'organisation' : teams;
  const previous = previousQuarter(quarter, fiscal);
  const previousDay = lastDayOf(previous);

  const figures = teams.length > 0 || wholeOrganisation ? viewFigures(db, { view, day }) : null;
  const before = figures ? viewFigures(db, { view, day: previousDay }) : null;

  const quarters = quartersEndingWith(quarter, 4, fiscal);
  const from = dayKey(quarters[0]!.start);
  const trend = trendSeries(db, { view: wholeOrganisation ? 'organisation' : 'teams', teams, mode: 'total', from, to: day });
  const line = trend.lines[0]?.key;

  const failedBefore = new Map(topFailedRules(db, { teams, day: previousDay, limit: Infinity }).map((r) => [r.ruleId, r.fails]));
  const findings = topFailedRules(db, { teams, day, limit: Infinity }).map((r) => {
    const rule = findRule(r.ruleId);
    return {
      ruleId: r.ruleId,
      title: r.title,
      severity: r.severity,
      fails: r.fails,
      previousFails: before ? (failedBefore.get(r.ruleId) ?? 0) : null,
      teams: r.teams,
      citation: r.citation,
      why: rule?.why ?? '',
      remediation: rule?.remediation ?? [],
    };
  });

  const teamNow = teamFiguresOnDay(db, { teamIds, day });
  const teamBefore = teamFiguresOnDay(db, { teamIds, day: previousDay });

  const members = scoreMembers(db, { teamIds: wholeOrganisation ? 'all' : teamIds, asOf });
  let states = statesOf(members, teamIds);
  // The organisation counts each person once, in their lowest-id team (as its roll-up does).
  if (wholeOrganisation) {
    const seen = new Set<number>();
    states = states.filter((s) => !seen.has(s.userId) && seen.add(s.userId));
  }
  const limit = scope.kind === 'team' ? Infinity : REPORT_LIST_LIMIT;
  const memberIds = new Set(states.map((s) => s.userId));

  const complete = isQuarterComplete(quarter, now);
  const posture = complete
    ? postureOfDevices(devicesOfMembers(members, states), { staleAfterDays: parametersInForce(db, { teamId: null, asOf }).staleDeviceDays, asOf })
    : devicePosture(db, { teamIds, asOf });

  const inScope = new Set(teamIds);
  const exceptions = listExceptions(db, { asOf, filter: 'active' }).filter((e) => wholeOrganisation || (e.teamId !== null ? inScope.has(e.teamId) : memberIds.has(e.userId!)));
  const campaign = scope.kind === 'team' ? campaignInForceFor(listCampaignsWithAudience(db), scope.teamId, asOf) : findCurrentCampaign(db, { asOf });
  const names = scopeNames(scope, teams[0]);

  return {
    organisation: organisation?.name ?? 'Onchannel',
    scope,
    scopeLabel: names.label,
    scopeSlug: names.slug,
    teamCount: teams.length,
    quarter: { label: quarter.label, start: quarter.start, end: quarter.end },
    complete,
    asOf,
    generatedAt: now,
    generatedBy,
    figures: figuresOf(figures),
    previousQuarter: { label: previous.label, start: previous.start, end: previous.end },
    previous: figuresOf(before),
    trend: {
      quarters: quarters.map((q) => ({ label: q.label, start: q.start, end: q.end })),
      points: trend.points.map((p) => ({ day: p.day, score: line ? (p.values[line] ?? null) : null })),
      markers: chartMarkers(db, { teamIds: wholeOrganisation ? 'all' : teamIds, from, to: day }),
    },
    findings,
    teams: scope.kind === 'team' ? [] : teams.map((t) => ({ name: t.name, sector: t.sector, figures: figuresOf(teamNow.get(t.id)), previousScore: teamBefore.get(t.id)?.score ?? null })),
    attestation: {
      campaign: campaign ? { name: campaign.name, period: campaign.period, opensAt: campaign.opensAt, dueAt: campaign.dueAt } : null,
      ...overdueAttestations(db, members, states, limit),
    },
    posture,
    exceptions: {
      rows: exceptions.slice(0, limit).map((e) => ({
        ruleId: e.ruleId,
        ruleTitle: e.ruleTitle,
        covers: e.scope === 'person' ? (e.personName ?? 'A person') : `${e.teamName ?? 'A team'} (whole team)`,
        reason: e.reason,
        approvedBy: e.approvedByName,
        startsAt: e.startsAt,
        expiresAt: e.expiresAt,
      })),
      total: exceptions.length,
    },
    highRisk: highRiskPeople(db, members, states, limit),
  };
}
