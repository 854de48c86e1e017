import type { Metadata } from 'next';
import { AttestationStatusBadge } from '@/components/attestations/attestation-status-badge';
import { DeviceTable } from '@/components/devices/device-table';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { listOwnAttestations } from '@/db/queries/attestations';
import { findCurrentCampaign } from '@/db/queries/campaigns';
import { listOwnDevices } from '@/db/queries/devices';
import { listTeamSummaries } from '@/db/queries/teams';
import { requireCapability } from '@/lib/auth/guards';
import { capitalise, formatDate, formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'My compliance' };

export default async function MyCompliancePage() {
  const user = await requireCapability('view:own');
  const asOf = new Date();
  const campaign = findCurrentCampaign(db, { asOf });
  const teams = listTeamSummaries(db, { scope: user.memberTeamIds, campaignId: null });
  const devices = listOwnDevices(db, { userId: user.id });
  const attestations = listOwnAttestations(db, { userId: user.id });
  const supersededIds = new Set(attestations.map((a) => a.supersedesId).filter((id) => id !== null));
  const currentSubmission = campaign ? attestations.find((a) => a.campaignId === campaign.id) : undefined;

  return (
    <>
      <PageHeader
        title="My compliance"
        description="How your business messaging measures up to your team's policy: what is due, the devices recorded for you, and what you have signed."
      />
      <dl className="mb-8 grid gap-4 sm:grid-cols-3">
        <Stat
          label="Team"
          value={teams.length === 0 ? 'None' : teams.map((t) => t.name).join(', ')}
          detail={teams.length === 0 ? 'You are not in a team scored against a policy.' : `${capitalise(teams[0]!.sector)} policy`}
        />
        <Stat
          label={campaign ? `${campaign.period} attestation` : 'Attestation'}
          value={<AttestationStatusBadge campaign={campaign} submittedAt={currentSubmission?.submittedAt ?? null} asOf={asOf} />}
          detail={campaign ? `Opened ${formatDate(campaign.opensAt)}` : undefined}
        />
        <Stat label="Devices recorded" value={devices.length} detail="Phones, tablets and laptops you use for work" />
      </dl>

      <Card title="My devices" className="mb-8">
        {devices.length === 0 ? (
          <EmptyState title="No devices recorded for you">Devices appear here when you register them or your IT team imports them.</EmptyState>
        ) : (
          <DeviceTable devices={devices} caption="My devices" />
        )}
      </Card>

      <Card title="My attestations">
        {attestations.length === 0 ? (
          <EmptyState title="You have not signed an attestation yet">Your first attestation appears here once you submit it.</EmptyState>
        ) : (
          <DataTable caption="My attestations" headers={['Period', 'Submitted', 'Signed as', 'Policy version', 'Status', 'Record hash']}>
            {attestations.map((a) => (
              <tr key={a.id}>
                <Cell className="font-medium">{a.period}</Cell>
                <Cell className="whitespace-nowrap">{formatDateTime(a.submittedAt)}</Cell>
                <Cell>{a.signatureName}</Cell>
                <Cell>{a.packVersion}</Cell>
                <Cell>{supersededIds.has(a.id) ? <Badge>Superseded</Badge> : <Badge tone="good">In force</Badge>}</Cell>
                <Cell>
                  <code className="text-xs" title={a.contentHash}>
                    {a.contentHash.slice(0, 12)}…
                  </code>
                </Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
