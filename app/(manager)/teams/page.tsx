import type { Metadata } from 'next';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { loadDashboard } from '@/db/queries/dashboard-data';
import { ensureScoresCurrent } from '@/db/snapshot-refresh';
import { requireCapability } from '@/lib/auth/guards';
import { teamScope } from '@/lib/auth/roles';
import { parseDashboardFilters } from '@/lib/validation/dashboard';

export const metadata: Metadata = { title: 'My teams' };

export default async function MyTeamsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCapability('view:team');
  const scope = teamScope(user);
  const filters = parseDashboardFilters(await searchParams);
  const asOf = new Date();
  await ensureScoresCurrent(asOf);
  const data = loadDashboard(db, { scope, filters, asOf });
  return (
    <>
      <PageHeader
        title="My teams"
        description="The teams you are responsible for: their score and trend, where rules fail, attestation progress and device posture. Open a team to see its members, riskiest first."
      />
      {data.scopeTeams.length === 0 ? (
        <EmptyState title="You do not manage a team yet">An administrator assigns managers to teams under Settings.</EmptyState>
      ) : (
        <DashboardView data={data} filters={filters} basePath="/teams" showSector={scope === 'all'} teamsCaption="Teams you manage" />
      )}
    </>
  );
}
