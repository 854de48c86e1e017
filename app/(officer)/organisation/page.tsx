import type { Metadata } from 'next';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { QuarterlyReportForm } from '@/components/reports/quarterly-report-form';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { loadDashboard } from '@/db/queries/dashboard-data';
import { reportQuarterChoices } from '@/db/queries/report';
import { ensureScoresCurrent } from '@/db/snapshot-refresh';
import { requireCapability } from '@/lib/auth/guards';
import { can, teamScope } from '@/lib/auth/roles';
import { SECTORS } from '@/lib/policy/constants';
import { parseDashboardFilters } from '@/lib/validation/dashboard';

export const metadata: Metadata = { title: 'Organisation' };

export default async function OrganisationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCapability('view:organisation');
  const filters = parseDashboardFilters(await searchParams);
  const asOf = new Date();
  await ensureScoresCurrent(asOf);
  const data = loadDashboard(db, { scope: teamScope(user), filters, asOf });
  return (
    <>
      <PageHeader
        title="Organisation"
        description="Risk across every team: the score and its trend, where rules fail, attestation progress and device posture. Open a team to see its people and the evidence behind each finding."
      />
      <DashboardView data={data} filters={filters} basePath="/organisation" showSector teamsCaption={data.wholeOrganisation ? 'All teams' : 'Teams matching the filters'} />
      {can(user.role, 'export:organisation-report') ? (
        <QuarterlyReportForm
          id="organisation-report"
          action="/api/reports/organisation"
          quarters={reportQuarterChoices(db, { now: asOf })}
          scope={{ sectors: SECTORS.filter((s) => data.scopeTeams.some((t) => t.sector === s)), teams: data.scopeTeams, sector: filters.sector, teamId: filters.teamId }}
          archiveHref="/api/reports/archive"
        />
      ) : null}
    </>
  );
}
