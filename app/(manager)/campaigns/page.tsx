import type { Metadata } from 'next';
import Link from 'next/link';
import { CampaignStatusBadge } from '@/components/attestations/campaign-status-badge';
import { CreateCampaignForm } from '@/components/attestations/create-campaign-form';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { campaignProgress } from '@/db/queries/campaign-progress';
import { campaignStatus, listCampaignsWithAudience } from '@/db/queries/campaigns';
import { findOrganisation } from '@/db/queries/organisation';
import { teamsNeedingReattestation } from '@/db/queries/reattestation';
import { listPolicyTeams } from '@/db/queries/policy';
import { requireCapability } from '@/lib/auth/guards';
import { can, teamScope } from '@/lib/auth/roles';
import { formatDate, formatShare } from '@/lib/format';
import { addDays, dayKey, quarterOf, startOfUtcDay } from '@/lib/time';

export const metadata: Metadata = { title: 'Campaigns' };

/** Days from opening to the default due day; a re-attestation is short. */
const DEFAULT_CAMPAIGN_DAYS = 56;
const REATTESTATION_DAYS = 14;

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCapability('view:team');
  const scope = teamScope(user);
  const now = new Date();
  const teams = listPolicyTeams(db);
  const allTeamIds = teams.map((t) => t.id);
  const campaigns = listCampaignsWithAudience(db);
  const visible = campaigns
    .filter((c) => scope === 'all' || c.allTeams || c.teamIds.some((id) => scope.includes(id)))
    .reverse();
  const manages = can(user.role, 'manage:campaigns');
  const today = startOfUtcDay(now);
  const outdated = manages ? teamsNeedingReattestation(db, { asOf: now }) : [];
  const reattest = manages && (await searchParams).reattest === '1' && outdated.length > 0;

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Attestation campaigns: who must attest, when, and how far along they are. A campaign opens on its day and takes late answers until the next campaign for the team opens."
        actions={manages ? <Link href="/campaigns/outbox" className="text-sm font-medium text-indigo-700 hover:underline">Reminder outbox</Link> : undefined}
      />
      <Card title="Campaigns" className="mb-8">
        {visible.length === 0 ? (
          <EmptyState title="No campaigns yet">{manages ? 'Create the first one below.' : 'Your compliance officer creates them.'}</EmptyState>
        ) : (
          <DataTable caption="Campaigns" headers={['Campaign', 'Period', 'Audience', 'Opens', 'Due', 'Status', 'Signed']}>
            {visible.map((c) => {
              const progress = campaignProgress(db, { campaign: c, scope, asOf: now, contradictions: false });
              const signed = progress.teams.reduce((n, t) => n + t.submitted, 0);
              const members = progress.teams.reduce((n, t) => n + t.members, 0);
              return (
                <tr key={c.id}>
                  <Cell className="font-medium">
                    <Link href={`/campaigns/${c.id}`} className="text-indigo-700 hover:underline">{c.name}</Link>
                  </Cell>
                  <Cell>{c.period}</Cell>
                  <Cell>{c.allTeams ? 'Every team' : teams.filter((t) => c.teamIds.includes(t.id)).map((t) => t.name).join(', ')}</Cell>
                  <Cell className="whitespace-nowrap">{formatDate(c.opensAt)}</Cell>
                  <Cell className="whitespace-nowrap">{formatDate(c.dueAt)}</Cell>
                  <Cell><CampaignStatusBadge status={campaignStatus(campaigns, c, allTeamIds, now)} /></Cell>
                  <Cell className="whitespace-nowrap">{formatShare(signed, members)}</Cell>
                </tr>
              );
            })}
          </DataTable>
        )}
      </Card>
      {outdated.length > 0 ? (
        <Card title="Policy version changed: re-attestation needed" className="mb-8">
          <p className="mb-3 text-sm text-slate-700">
            These members last attested against an older version of their team&apos;s policy pack. Their answers stay bound to the
            version they signed; a re-attestation asks them to confirm the current one.
          </p>
          <DataTable caption="Teams needing re-attestation" headers={['Team', 'Pack in force', 'Members on an older version']}>
            {outdated.map((t) => (
              <tr key={t.teamId}>
                <Cell className="font-medium">{t.name}</Cell>
                <Cell>
                  {t.sector} {t.currentVersion}
                </Cell>
                <Cell className="tabular-nums">{formatShare(t.outdated, t.members)}</Cell>
              </tr>
            ))}
          </DataTable>
          <Link href="/campaigns?reattest=1#create-campaign" className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">
            Prepare a re-attestation campaign for these teams
          </Link>
        </Card>
      ) : null}
      {manages ? (
        <Card title="Create a campaign">
          <div id="create-campaign" />
          <CreateCampaignForm
            teams={teams.map((t) => ({ id: t.id, name: t.name, sector: t.sector }))}
            defaults={{
              period: quarterOf(now, findOrganisation(db)?.fiscalYearStartMonth ?? 1).label,
              opensAt: dayKey(today),
              dueAt: dayKey(addDays(today, reattest ? REATTESTATION_DAYS : DEFAULT_CAMPAIGN_DAYS)),
              ...(reattest ? { name: 'Re-attestation: updated messaging policy', teamIds: outdated.map((t) => t.teamId) } : {}),
            }}
          />
        </Card>
      ) : null}
    </>
  );
}
