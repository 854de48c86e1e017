import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AttestationStatusBadge } from '@/components/attestations/attestation-status-badge';
import { Breadcrumbs } from '@/components/dashboard/breadcrumbs';
import { CsvLink } from '@/components/dashboard/csv-link';
import { ScoreChange } from '@/components/dashboard/score-change';
import { TopRules } from '@/components/dashboard/top-rules';
import { TrendPanel } from '@/components/dashboard/trend-panel';
import { QuarterlyReportForm } from '@/components/reports/quarterly-report-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { campaignInForceFor, listCampaignsWithAudience } from '@/db/queries/campaigns';
import { chartMarkers, quarterAgoDay, topFailedRules, trendSeries, viewFigures } from '@/db/queries/dashboard';
import { reportQuarterChoices } from '@/db/queries/report';
import { scoreTeam } from '@/db/queries/scores';
import { findTeam, listTeamMembers } from '@/db/queries/teams';
import { memoUntilChange } from '@/db/memo';
import { ensureScoresCurrent } from '@/db/snapshot-refresh';
import { ScoreWithBand } from '@/components/scores/band-badge';
import { requireTeamAccess } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { capitalise, formatShare } from '@/lib/format';
import { pageParam } from '@/lib/validation/paging';
import { addDays, dayKey } from '@/lib/time';

export const metadata: Metadata = { title: 'Team' };

/** Members shown per page: the riskiest first, so the first page is the one that needs attention. */
const MEMBERS_PER_PAGE = 100;

export default async function TeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { teamId: raw } = await params;
  const teamId = Number(raw);
  if (!Number.isInteger(teamId) || teamId <= 0) notFound();
  const user = await requireTeamAccess(teamId);
  const team = findTeam(db, { teamId });
  if (!team) notFound();
  const asOf = new Date();
  const today = dayKey(asOf);
  await ensureScoresCurrent(asOf);
  const campaign = campaignInForceFor(listCampaignsWithAudience(db), teamId, asOf);
  // Live scores of every member, reused until the data changes or the minute turns (due dates and expiries are timed).
  const scores = memoUntilChange(db, `score-team:${teamId}:${Math.floor(asOf.getTime() / 60_000)}`, () => scoreTeam(db, { teamId, asOf }));
  const standing = new Map(scores.members.map((m) => [m.userId, m.personScore]));
  // Riskiest first: lowest score first; unscored last.
  const members = listTeamMembers(db, { teamId, campaignId: campaign?.id ?? null }).sort(
    (a, b) => (standing.get(a.userId)?.score ?? 101) - (standing.get(b.userId)?.score ?? 101) || a.name.localeCompare(b.name),
  );
  const attested = members.filter((m) => m.attestedAt !== null).length;
  const page = pageParam((await searchParams).page, members.length, MEMBERS_PER_PAGE);
  const shownMembers = members.slice((page - 1) * MEMBERS_PER_PAGE, page * MEMBERS_PER_PAGE);
  const from = dayKey(addDays(asOf, -364));
  const trend = trendSeries(db, { view: 'teams', teams: [team], mode: 'total', from, to: today });
  const markers = chartMarkers(db, { teamIds: [teamId], from, to: today });
  const previousDay = quarterAgoDay(today);
  const now = viewFigures(db, { view: [team], day: today });
  const before = viewFigures(db, { view: [team], day: previousDay });
  const rules = topFailedRules(db, { teams: [team], day: today });
  const home = can(user.role, 'view:organisation') ? { href: '/organisation', label: 'Organisation' } : { href: '/teams', label: 'My teams' };

  return (
    <>
      <Breadcrumbs trail={[home, { label: team.name }]} />
      <PageHeader title={team.name} description={`${capitalise(team.sector)} policy · ${members.length} members`} />
      <dl className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Team score"
          value={<ScoreWithBand score={scores.team.score} band={scores.team.band} />}
          detail={<ScoreChange now={now} before={before} beforeDay={previousDay} />}
        />
        <Stat label="Members at high risk" value={formatShare(scores.team.highRiskCount, scores.team.members)} detail="Supervisors weigh more in the team score" />
        <Stat label="Devices" value={members.reduce((sum, m) => sum + m.devices, 0)} />
        <Stat label={campaign ? `${campaign.period} attested` : 'Attested'} value={formatShare(attested, members.length)} />
      </dl>
      {can(user.role, 'export:team-report') ? (
        <QuarterlyReportForm id="team-report" action={`/api/reports/teams/${teamId}`} quarters={reportQuarterChoices(db, { now: asOf })} />
      ) : null}

      <Card title="Members, riskiest first" className="mb-8" id="members">
        {members.length === 0 ? (
          <EmptyState title="This team has no members">An administrator adds members under Settings.</EmptyState>
        ) : (
          <>
            <DataTable caption={`Members of ${team.name}`} headers={['Name', 'Role', 'Score', 'Findings', 'Devices', 'Current attestation']}>
              {shownMembers.map((member) => (
                <tr key={member.userId}>
                  <Cell>
                    <Link href={`/people/${member.userId}?team=${teamId}`} className="font-medium text-indigo-800 underline-offset-2 hover:underline">
                      {member.name}
                    </Link>
                    <div className="text-xs text-slate-600">{member.email}</div>
                  </Cell>
                  <Cell>
                    {member.jobTitle ?? '—'} {member.isManager ? <Badge tone="info">Manager</Badge> : null}
                  </Cell>
                  <Cell>
                    <ScoreWithBand score={standing.get(member.userId)?.score ?? null} band={standing.get(member.userId)?.band ?? null} />
                  </Cell>
                  <Cell className="text-xs">{standing.get(member.userId)?.failedRuleIds.join(', ') || 'None'}</Cell>
                  <Cell className="tabular-nums">{member.devices}</Cell>
                  <Cell>
                    <AttestationStatusBadge campaign={campaign} submittedAt={member.attestedAt} asOf={asOf} />
                  </Cell>
                </tr>
              ))}
            </DataTable>
            <Pager page={page} pageSize={MEMBERS_PER_PAGE} total={members.length} noun="members" hrefFor={(n) => `/teams/${teamId}?page=${n}#members`} />
            <div className="mt-3">
              <CsvLink href={`/api/dashboard/members?team=${teamId}`} label="members" />
            </div>
          </>
        )}
      </Card>

      <TrendPanel
        title="Risk over time"
        description={`Last year: ${team.name}’s daily score (0–100, higher is safer), with campaigns and policy changes marked.`}
        trend={trend}
        markers={markers}
        actions={<CsvLink href={`/api/dashboard/trend?team=${teamId}`} label="the trend" />}
      />

      <Card title="Most failed rules in this team" className="mb-8">
        <TopRules rules={rules} showTeams={false} />
        <div className="mt-3">
          <CsvLink href={`/api/dashboard/rules?team=${teamId}`} label="rules" />
        </div>
      </Card>
    </>
  );
}
