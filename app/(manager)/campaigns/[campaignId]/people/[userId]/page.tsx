import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { listAttestationHistory } from '@/db/queries/attestations';
import { findCampaignInScope } from '@/db/queries/campaign-access';
import { campaignProgress } from '@/db/queries/campaign-progress';
import { requireCapability } from '@/lib/auth/guards';
import { teamScope } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Attestation history' };

export default async function PersonHistoryPage({ params }: { params: Promise<{ campaignId: string; userId: string }> }) {
  const user = await requireCapability('view:team');
  const scope = teamScope(user);
  const { campaignId: rawCampaign, userId: rawUser } = await params;
  const campaignId = Number(rawCampaign);
  const userId = Number(rawUser);
  if (!Number.isInteger(campaignId) || !Number.isInteger(userId)) notFound();
  const found = findCampaignInScope(db, { campaignId, scope });
  if (!found) notFound();
  // Only members in the caller's scope: the progress rows are already scoped to the teams they may view.
  const member = campaignProgress(db, { campaign: found.campaign, scope, asOf: new Date(), contradictions: false }).members.find((m) => m.userId === userId);
  if (!member) notFound();
  const history = listAttestationHistory(db, { userId });
  const superseded = new Set(history.map((h) => h.supersedesId).filter((id) => id !== null));

  return (
    <>
      <PageHeader title={`${member.name}: attestation history`} description={`${member.teamName}. Every signed record, newest first. Records are never changed; a correction supersedes the one before.`} />
      <Card title="Attestation history" className="mb-6">
        {history.length === 0 ? (
          <EmptyState title="No attestations yet">{member.name} has not signed an attestation.</EmptyState>
        ) : (
          <DataTable caption="Attestation history" headers={['Record', 'Period', 'Submitted', 'Signed as', 'Policy version', 'Status', 'Record hash']}>
            {history.map((h) => (
              <tr key={h.id}>
                <Cell>#{h.id}</Cell>
                <Cell className="font-medium">{h.period}</Cell>
                <Cell className="whitespace-nowrap">{formatDateTime(h.submittedAt)}</Cell>
                <Cell>{h.signatureName}</Cell>
                <Cell>{h.packVersion}</Cell>
                <Cell>{superseded.has(h.id) ? <Badge>Superseded</Badge> : h.supersedesId !== null ? <Badge tone="info">Correction of #{h.supersedesId}</Badge> : <Badge tone="good">In force</Badge>}</Cell>
                <Cell><code className="text-xs" title={h.contentHash}>{h.contentHash.slice(0, 12)}…</code></Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
      <Link href={`/campaigns/${campaignId}`} className="text-sm font-medium text-indigo-700 hover:underline">Back to the campaign</Link>
    </>
  );
}
