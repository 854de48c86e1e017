import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AttestationStatusBadge } from '@/components/attestations/attestation-status-badge';
import { Badge } from '@/components/ui/badge';
import { EmptyState, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { findCurrentCampaign } from '@/db/queries/campaigns';
import { scoreTeam } from '@/db/queries/scores';
import { findTeam, listTeamMembers } from '@/db/queries/teams';
import { ScoreWithBand } from '@/components/scores/band-badge';
import { requireTeamAccess } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { capitalise, formatShare } from '@/lib/format';

export const metadata: Metadata = { title: 'Team' };

export default async function TeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId: raw } = await params;
  const teamId = Number(raw);
  if (!Number.isInteger(teamId) || teamId <= 0) notFound();
  const user = await requireTeamAccess(teamId);
  const team = findTeam(db, { teamId });
  if (!team) notFound();
  const asOf = new Date();
  const campaign = findCurrentCampaign(db, { asOf });
  const scores = scoreTeam(db, { teamId, asOf });
  const standing = new Map(scores.members.map((m) => [m.userId, m.personScore]));
  // Riskiest first: band, then score.
  const members = listTeamMembers(db, { teamId, campaignId: campaign?.id ?? null }).sort(
    (a, b) => (standing.get(a.userId)?.score ?? 101) - (standing.get(b.userId)?.score ?? 101),
  );
  const attested = members.filter((m) => m.attestedAt !== null).length;
  const back = can(user.role, 'view:organisation') ? { href: '/organisation', label: 'Organisation' } : { href: '/teams', label: 'My teams' };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={back.href} className="text-indigo-800 hover:underline">
          ← {back.label}
        </Link>
      </nav>
      <PageHeader title={team.name} description={`${capitalise(team.sector)} policy · ${members.length} members`} />
      <dl className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Team score"
          value={<ScoreWithBand score={scores.team.score} band={scores.team.band} />}
          detail={`${scores.team.highRiskCount} of ${scores.team.members} members at high risk; supervisors weighted more`}
        />
        <Stat label="Members" value={members.length} />
        <Stat label="Devices" value={members.reduce((sum, m) => sum + m.devices, 0)} />
        <Stat label={campaign ? `${campaign.period} attested` : 'Attested'} value={formatShare(attested, members.length)} />
      </dl>
      {members.length === 0 ? (
        <EmptyState title="This team has no members">An administrator adds members under Settings.</EmptyState>
      ) : (
        <DataTable caption={`Members of ${team.name}`} headers={['Name', 'Role', 'Score', 'Findings', 'Devices', 'Current attestation']}>
          {members.map((member) => (
            <tr key={member.userId}>
              <Cell>
                <div className="font-medium">{member.name}</div>
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
      )}
    </>
  );
}
