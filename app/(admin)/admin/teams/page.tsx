import type { Metadata } from 'next';
import Link from 'next/link';
import { TeamForm } from '@/components/admin/team-form';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { listAdminTeams } from '@/db/queries/admin';
import { findOrganisation } from '@/db/queries/organisation';
import { requireCapability } from '@/lib/auth/guards';
import { capitalise } from '@/lib/format';
import { SECTORS } from '@/lib/policy/constants';

export const metadata: Metadata = { title: 'Teams' };

export default async function AdminTeamsPage() {
  await requireCapability('manage:teams');
  const teams = listAdminTeams(db);
  const sectorsInUse = findOrganisation(db)?.sectorsInUse ?? [...SECTORS];
  return (
    <>
      <PageHeader
        title="Teams"
        description="Each team has a sector and the policy pack its members are scored against. A person can belong to several teams and manage several; managers are members of the teams they manage."
        actions={<Link href="/admin/hr-import" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50">Import from HR</Link>}
      />
      <Card className="mb-8">
        {teams.length === 0 ? (
          <EmptyState title="No teams yet">Create the first team below, or import them from an HR file.</EmptyState>
        ) : (
          <DataTable caption="Teams" headers={['Team', 'Sector', 'Policy pack', 'Members', 'Managers']}>
            {teams.map((t) => (
              <tr key={t.id}>
                <Cell className="font-medium"><Link href={`/admin/teams/${t.id}`} className="text-indigo-700 underline-offset-2 hover:underline">{t.name}</Link></Cell>
                <Cell>{capitalise(t.sector)}</Cell>
                <Cell>{capitalise(t.policyPackId)}{t.policyPackId !== t.sector ? ' (chosen)' : ''}</Cell>
                <Cell className="tabular-nums">{t.members}</Cell>
                <Cell>{t.managers.join(', ') || <span className="text-amber-800">No manager</span>}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
      <Card title="Create a team">
        <TeamForm sectorsInUse={sectorsInUse} />
      </Card>
    </>
  );
}
