import type { Metadata } from 'next';
import { EmptyState, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { TeamSummaryTable } from '@/components/teams/team-summary-table';
import { db } from '@/db';
import { findCurrentCampaign } from '@/db/queries/campaigns';
import { listTeamSummaries } from '@/db/queries/teams';
import { requireCapability } from '@/lib/auth/guards';
import { formatDate, formatShare } from '@/lib/format';

export const metadata: Metadata = { title: 'Organisation' };

export default async function OrganisationPage() {
  await requireCapability('view:organisation');
  const campaign = findCurrentCampaign(db, { asOf: new Date() });
  const teams = listTeamSummaries(db, { scope: 'all', campaignId: campaign?.id ?? null });
  const total = (key: 'members' | 'devices' | 'attested') => teams.reduce((sum, team) => sum + team[key], 0);

  return (
    <>
      <PageHeader title="Organisation" description="Every team, its people and devices, and progress on the current attestation campaign." />
      <dl className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Teams" value={teams.length} />
        <Stat label="People in teams" value={total('members')} />
        <Stat label="Devices in service" value={total('devices')} />
        <Stat
          label={campaign ? `${campaign.period} attested` : 'Attested'}
          value={formatShare(total('attested'), total('members'))}
          detail={campaign ? `Due ${formatDate(campaign.dueAt)}` : 'No campaign open'}
        />
      </dl>
      {teams.length === 0 ? (
        <EmptyState title="No teams yet">An administrator creates teams under Settings.</EmptyState>
      ) : (
        <TeamSummaryTable teams={teams} caption="All teams" period={campaign?.period ?? null} />
      )}
    </>
  );
}
