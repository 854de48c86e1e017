import type { Metadata } from 'next';
import Link from 'next/link';
import { OrganisationSettingsForm } from '@/components/admin/organisation-settings-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { TeamSummaryTable } from '@/components/teams/team-summary-table';
import { ApiTokensCard } from '@/components/settings/api-tokens-card';
import { db } from '@/db';
import { countPeopleByRole, findOrganisation, listApiTokens, listPrivilegedPeople } from '@/db/queries/organisation';
import { parametersInForce } from '@/db/queries/policy';
import { listTeamSummaries } from '@/db/queries/teams';
import { requireCapability } from '@/lib/auth/guards';
import { ROLES, ROLE_LABELS } from '@/lib/auth/roles';
import { SECTORS } from '@/lib/policy/constants';

export const metadata: Metadata = { title: 'Settings' };

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
      <Card title="Organisation" className="mb-8">
        <OrganisationSettingsForm
          values={{
            name: organisation?.name ?? '',
            sectorsInUse: organisation?.sectorsInUse ?? [...SECTORS],
            fiscalYearStartMonth: organisation?.fiscalYearStartMonth ?? 1,
            staleDeviceDays: parametersInForce(db, { teamId: null, asOf: new Date() }).staleDeviceDays,
            reminderLeadDays: organisation?.reminderLeadDays ?? 7,
            reminderIntervalDays: organisation?.reminderIntervalDays ?? 1,
            retentionYears: organisation?.retentionYears ?? 7,
          }}
        />
      </Card>
      <div className="mb-8 grid gap-6 lg:grid-cols-2">
        <Card title="People and teams">
          <p className="text-sm text-slate-700">
            {teams.length} teams; {counts.filter((c) => c.active).reduce((sum, c) => sum + c.count, 0).toLocaleString('en-GB')} active people.
          </p>
          <ul className="mt-3 space-y-1 text-sm">
            <li><Link href="/admin/people" className="font-medium text-indigo-700 underline">Manage people</Link>: create, edit, change roles, deactivate.</li>
            <li><Link href="/admin/teams" className="font-medium text-indigo-700 underline">Manage teams</Link>: sectors, policy packs, members and managers.</li>
            <li><Link href="/admin/hr-import" className="font-medium text-indigo-700 underline">Import from HR</Link>: people and teams from a CSV file.</li>
          </ul>
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
