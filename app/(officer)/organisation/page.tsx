import type { Metadata } from 'next';
import { EmptyState, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { TeamSummaryTable } from '@/components/teams/team-summary-table';
import { db } from '@/db';
import { findCurrentCampaign } from '@/db/queries/campaigns';
import { countDevicesInService } from '@/db/queries/devices';
import { latestSnapshot } from '@/db/queries/scores';
import { listTeamSummaries } from '@/db/queries/teams';
import { ensureSnapshotsReach } from '@/db/snapshots';
import { ScoreWithBand } from '@/components/scores/band-badge';
import { dayKey, parseDayKey } from '@/lib/time';
import { requireCapability } from '@/lib/auth/guards';
import { formatDate, formatShare } from '@/lib/format';

export const metadata: Metadata = { title: 'Organisation' };

export default async function OrganisationPage() {
  await requireCapability('view:organisation');
  const asOf = new Date();
  ensureSnapshotsReach(db, asOf);
  const snapshot = latestSnapshot(db, { day: dayKey(asOf) });
  const campaign = findCurrentCampaign(db, { asOf });
  const teams = listTeamSummaries(db, { scope: 'all', campaignId: campaign?.id ?? null });
  const organisation = snapshot?.organisation;

  return (
    <>
      <PageHeader title="Organisation" description="Every team, its people and devices, and progress on the current attestation campaign." />
      <dl className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Organisation score"
          value={<ScoreWithBand score={organisation?.score ?? null} band={organisation?.band ?? null} />}
          detail={organisation ? `${organisation.highRisk} of ${organisation.members} people at high risk · ${formatDate(parseDayKey(organisation.day))}` : 'No campaign yet'}
        />
        <Stat label="Teams" value={teams.length} />
        <Stat label="Devices in service" value={countDevicesInService(db)} />
        <Stat
          label={campaign ? `${campaign.period} attested` : 'Attested'}
          value={organisation ? formatShare(organisation.attestationsDone, organisation.attestationsDue) : '—'}
          detail={campaign ? `Due ${formatDate(campaign.dueAt)}` : 'No campaign open'}
        />
      </dl>
      {teams.length === 0 ? (
        <EmptyState title="No teams yet">An administrator creates teams under Settings.</EmptyState>
      ) : (
        <TeamSummaryTable teams={teams} caption="All teams" period={campaign?.period ?? null} figures={snapshot?.teams} />
      )}
    </>
  );
}
