import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { TeamSummaryTable } from '@/components/teams/team-summary-table';
import { db } from '@/db';
import { findCurrentCampaign } from '@/db/queries/campaigns';
import { latestSnapshot } from '@/db/queries/scores';
import { listTeamSummaries } from '@/db/queries/teams';
import { ensureSnapshotsReach } from '@/db/snapshots';
import { dayKey } from '@/lib/time';
import { requireCapability } from '@/lib/auth/guards';
import { teamScope } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'My teams' };

export default async function MyTeamsPage() {
  const user = await requireCapability('view:team');
  const asOf = new Date();
  const campaign = findCurrentCampaign(db, { asOf });
  ensureSnapshotsReach(db, asOf);
  const snapshot = latestSnapshot(db, { day: dayKey(asOf) });
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
        <TeamSummaryTable teams={teams} caption="Teams you manage" period={campaign?.period ?? null} figures={snapshot?.teams} />
      )}
    </>
  );
}
