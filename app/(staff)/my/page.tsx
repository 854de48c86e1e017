import type { Metadata } from 'next';
import Link from 'next/link';
import { AttestationStatusBadge } from '@/components/attestations/attestation-status-badge';
import { DueAttestations } from '@/components/attestations/due-attestations';
import { MyDevicesCard } from '@/components/devices/my-devices-card';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { TrendPanel } from '@/components/dashboard/trend-panel';
import { personScoreHistory } from '@/db/queries/people';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { listOwnAttestations } from '@/db/queries/attestations';
import { campaignsDueFor } from '@/db/queries/campaigns';
import { listOwnDevices } from '@/db/queries/devices';
import { parametersInForce } from '@/db/queries/policy';
import { scorePerson } from '@/db/queries/scores';
import { listTeamSummaries } from '@/db/queries/teams';
import { Findings } from '@/components/scores/findings';
import { ScoreWithBand } from '@/components/scores/band-badge';
import { requireCapability } from '@/lib/auth/guards';
import { capitalise, formatDate, formatDateTime } from '@/lib/format';
import { plural } from '@/lib/policy/evidence';

export const metadata: Metadata = { title: 'My compliance' };

export default async function MyCompliancePage() {
  const user = await requireCapability('view:own');
  const asOf = new Date();
  // The campaign in force for the person's (first) team, not merely the latest one: audiences may differ.
  const campaign = campaignsDueFor(db, { teamIds: user.memberTeamIds, asOf })[0]?.campaign ?? null;
  const teams = listTeamSummaries(db, { scope: user.memberTeamIds, campaignId: null });
  const devices = listOwnDevices(db, { userId: user.id });
  const attestations = listOwnAttestations(db, { userId: user.id });
  const supersededIds = new Set(attestations.map((a) => a.supersedesId).filter((id) => id !== null));
  const currentSubmission = campaign ? attestations.find((a) => a.campaignId === campaign.id) : undefined;
  const standings = scorePerson(db, { userId: user.id, asOf });
  const history = personScoreHistory(db, { userId: user.id, asOf });
  // Attestation campaigns: what this person answers now (issue 4).
  const due = campaignsDueFor(db, { teamIds: user.memberTeamIds, asOf }).map(({ campaign: c }) => ({
    campaignId: c.id, name: c.name, period: c.period, dueAt: c.dueAt,
    submittedAt: attestations.find((a) => a.campaignId === c.id)?.submittedAt ?? null,
  }));

  return (
    <>
      <PageHeader
        title="My compliance"
        description="How your business messaging measures up to your team's policy: what is due, the devices recorded for you, and what you have signed."
        actions={
          <a href="/api/my/data" download className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-indigo-800 hover:bg-slate-50">
            Download my data (JSON)
          </a>
        }
      />
      <DueAttestations items={due} asOf={asOf} />
      <dl className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="My score"
          value={standings[0] ? <ScoreWithBand score={standings[0].personScore.score} band={standings[0].personScore.band} /> : 'Not scored'}
          detail={standings[0] ? `${plural(standings[0].personScore.counts.fail, 'finding')}, ${standings[0].personScore.counts.waived} waived` : 'Only members of a team are scored.'}
        />
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

      {standings.map((standing) => {
        const team = teams.find((t) => t.id === standing.teamId);
        return team ? (
          <Card key={standing.teamId} title={standings.length > 1 ? `My findings in ${team.name}` : 'My findings'} className="mb-8">
            <Findings results={standing.results} sector={team.sector} />
          </Card>
        ) : null;
      })}

      <TrendPanel
        title="Score history, last 12 months"
        description="Your score on the 1st of each month and today, worked out from your devices, attestations and exceptions at the time."
        trend={history}
        dots
      />

      <MyDevicesCard devices={devices} asOf={asOf} staleDays={parametersInForce(db, { teamId: user.memberTeamIds[0] ?? null, asOf }).staleDeviceDays} />

      <Card title="My attestations">
        {attestations.length === 0 ? (
          <EmptyState title="You have not signed an attestation yet">Your first attestation appears here once you submit it.</EmptyState>
        ) : (
          <DataTable caption="My attestations" headers={['Period', 'Submitted', 'Signed as', 'Policy version', 'Status', 'Record hash']}>
            {attestations.map((a) => (
              <tr key={a.id}>
                <Cell className="font-medium">
                  <Link href={`/attest/receipt/${a.id}`} className="text-indigo-700 hover:underline">{a.period}</Link>
                </Cell>
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
