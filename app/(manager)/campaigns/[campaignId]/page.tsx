import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CampaignStatusBadge, MemberProgressBadge } from '@/components/attestations/campaign-status-badge';
import { NudgeButton } from '@/components/attestations/nudge-button';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { findCampaignInScope } from '@/db/queries/campaign-access';
import { campaignProgress } from '@/db/queries/campaign-progress';
import { campaignStatus } from '@/db/queries/campaigns';
import { listPolicyTeams } from '@/db/queries/policy';
import { requireCapability } from '@/lib/auth/guards';
import { teamScope } from '@/lib/auth/roles';
import { formatDate, formatDateTime, formatShare } from '@/lib/format';

export const metadata: Metadata = { title: 'Campaign progress' };

export default async function CampaignProgressPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await requireCapability('view:team');
  const scope = teamScope(user);
  const campaignId = Number((await params).campaignId);
  if (!Number.isInteger(campaignId) || campaignId <= 0) notFound();
  const found = findCampaignInScope(db, { campaignId, scope });
  if (!found) notFound();
  const { campaign, all } = found;
  const now = new Date();
  const status = campaignStatus(all, campaign, listPolicyTeams(db).map((t) => t.id), now);
  const { teams, members } = campaignProgress(db, { campaign, scope, asOf: now });
  const signed = members.filter((m) => m.firstSubmittedAt).length;
  const overdue = members.filter((m) => m.status === 'overdue');
  const contradictions = members.filter((m) => m.contradiction);
  const canNudge = status === 'open' || status === 'past_due';

  return (
    <>
      <PageHeader
        title={campaign.name}
        description={`Opens ${formatDate(campaign.opensAt)}, due ${formatDate(campaign.dueAt)}. ${scope === 'all' ? 'Every team in its audience.' : 'Only the teams you manage.'}`}
        actions={<a href={`/api/campaigns/${campaign.id}/progress`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100">Download CSV</a>}
      />
      <dl className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Status" value={<CampaignStatusBadge status={status} />} />
        <Stat label="Signed" value={<span data-testid="campaign-completion">{formatShare(signed, members.length)}</span>} />
        <Stat label="Overdue" value={overdue.length} detail="Not signed after the due day" />
        <Stat label="Contradictions" value={contradictions.length} detail="Answers that disagree with the device inventory (rule X6)" />
      </dl>
      <Card title="Completion by team" className="mb-8">
        {teams.length === 0 ? (
          <EmptyState title="Nobody to attest">No team you can see is in this campaign’s audience.</EmptyState>
        ) : (
          <DataTable caption="Completion by team" headers={['Team', 'Signed', 'Overdue', 'Contradictions']}>
            {teams.map((t) => (
              <tr key={t.teamId}>
                <Cell className="font-medium">{t.teamName}</Cell>
                <Cell>{formatShare(t.submitted, t.members)}</Cell>
                <Cell>{t.overdue}</Cell>
                <Cell>{t.contradictions}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
      <Card title="Members">
        {members.length === 0 ? (
          <EmptyState title="No members">There is nobody in scope.</EmptyState>
        ) : (
          <DataTable caption="Members" headers={['Person', 'Team', 'Status', 'Signed', 'Contradiction with inventory', 'Reminder']}>
            {members.map((m) => (
              <tr key={`${m.teamId}:${m.userId}`}>
                <Cell className="font-medium">
                  <Link href={`/campaigns/${campaign.id}/people/${m.userId}`} className="text-indigo-700 hover:underline">{m.name}</Link>
                </Cell>
                <Cell>{m.teamName}</Cell>
                <Cell><MemberProgressBadge status={m.status} /></Cell>
                <Cell className="whitespace-nowrap">{m.lastSubmittedAt ? `${formatDateTime(m.lastSubmittedAt)}${m.records > 1 ? ` (${m.records} records)` : ''}` : '—'}</Cell>
                <Cell className="max-w-md text-xs">{m.contradiction ?? '—'}</Cell>
                <Cell>{canNudge && !m.firstSubmittedAt ? <NudgeButton userId={m.userId} campaignId={campaign.id} name={m.name} /> : null}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
