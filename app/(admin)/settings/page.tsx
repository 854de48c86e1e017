import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { TeamSummaryTable } from '@/components/teams/team-summary-table';
import { ApiTokensCard } from '@/components/settings/api-tokens-card';
import { db } from '@/db';
import { countPeopleByRole, findOrganisation, listApiTokens, listPrivilegedPeople } from '@/db/queries/organisation';
import { listTeamSummaries } from '@/db/queries/teams';
import { requireCapability } from '@/lib/auth/guards';
import { ROLES, ROLE_LABELS } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Settings' };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export default async function SettingsPage() {
  await requireCapability('manage:settings');
  const organisation = findOrganisation(db);
  const counts = countPeopleByRole(db);
  const privileged = listPrivilegedPeople(db);
  const teams = listTeamSummaries(db, { scope: 'all', campaignId: null });
  const tokens = listApiTokens(db);
  const count = (role: string, active: boolean) => counts.find((c) => c.role === role && c.active === active)?.count ?? 0;

  return (
    <>
      <PageHeader title="Settings" description="The organisation, its people and teams, and the API tokens that sync scripts use." />
      <div className="mb-8 grid gap-6 lg:grid-cols-2">
        <Card title="Organisation">
          <dl className="grid grid-cols-2 gap-y-2 text-sm">
            <dt className="text-slate-600">Name</dt>
            <dd className="font-medium">{organisation?.name ?? 'Not set'}</dd>
            <dt className="text-slate-600">Fiscal year starts</dt>
            <dd className="font-medium">{MONTHS[(organisation?.fiscalYearStartMonth ?? 1) - 1]}</dd>
            <dt className="text-slate-600">Teams</dt>
            <dd className="font-medium">{teams.length}</dd>
          </dl>
        </Card>
        <Card title="People by role">
          <DataTable caption="People by role" headers={['Role', 'Active', 'Deactivated']}>
            {ROLES.map((role) => (
              <tr key={role}>
                <Cell>{ROLE_LABELS[role]}</Cell>
                <Cell className="tabular-nums">{count(role, true)}</Cell>
                <Cell className="tabular-nums">{count(role, false)}</Cell>
              </tr>
            ))}
          </DataTable>
        </Card>
      </div>

      <Card title="Officers and administrators" className="mb-8">
        <DataTable caption="Officers and administrators" headers={['Name', 'E-mail', 'Role', 'Status']}>
          {privileged.map((person) => (
            <tr key={person.id}>
              <Cell className="font-medium">{person.name}</Cell>
              <Cell>{person.email}</Cell>
              <Cell>{ROLE_LABELS[person.role]}</Cell>
              <Cell>{person.active ? <Badge tone="good">Active</Badge> : <Badge>Deactivated</Badge>}</Cell>
            </tr>
          ))}
        </DataTable>
      </Card>

      <Card title="Teams" className="mb-8">
        {teams.length === 0 ? (
          <EmptyState title="No teams yet">Teams group people under a sector policy.</EmptyState>
        ) : (
          <TeamSummaryTable teams={teams} caption="Teams" period={null} linkToTeam={false} />
        )}
      </Card>

      <ApiTokensCard tokens={tokens} asOf={new Date()} />
    </>
  );
}
