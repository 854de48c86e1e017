import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { TeamSummaryTable } from '@/components/teams/team-summary-table';
import { db } from '@/db';
import { findCurrentCampaign } from '@/db/queries/campaigns';
import { listTeamSummaries } from '@/db/queries/teams';
import { requireCapability } from '@/lib/auth/guards';
import { teamScope } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'My teams' };

export default async function MyTeamsPage() {
  const user = await requireCapability('view:team');
  const campaign = findCurrentCampaign(db, { asOf: new Date() });
  const teams = listTeamSummaries(db, { scope: teamScope(user), campaignId: campaign?.id ?? null });
  return (
    <>
      <PageHeader
        title="My teams"
        description="The teams you are responsible for, with their members, devices and progress on the current attestation."
      />
      {teams.length === 0 ? (
        <EmptyState title="You do not manage a team yet">An administrator assigns managers to teams under Settings.</EmptyState>
      ) : (
        <TeamSummaryTable teams={teams} caption="Teams you manage" period={campaign?.period ?? null} />
      )}
    </>
  );
}
