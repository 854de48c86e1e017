import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { INPUT_CLASS } from '@/components/ui/form';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { listPeople } from '@/db/queries/admin';
import { listPolicyTeams } from '@/db/queries/policy';
import { requireCapability } from '@/lib/auth/guards';
import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';
import { PEOPLE_PAGE_SIZE, peopleFilterSchema, type PeopleFilter } from '@/lib/validation/people';

export const metadata: Metadata = { title: 'People' };

/** The directory's URL for `filter` with some fields replaced (page numbers for the pager). */
function hrefFor(filter: PeopleFilter, change: Partial<PeopleFilter>): string {
  const next = { ...filter, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.team !== undefined) params.set('team', String(next.team));
  if (next.role) params.set('role', next.role);
  if (next.status !== 'active') params.set('status', next.status);
  if (next.page > 1) params.set('page', String(next.page));
  const query = params.toString();
  return query ? `/admin/people?${query}` : '/admin/people';
}

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireCapability('manage:users');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const filter = peopleFilterSchema.parse(raw);
  const teams = listPolicyTeams(db);
  const { rows, total } = listPeople(db, { filter, pageSize: PEOPLE_PAGE_SIZE });
  const first = total === 0 ? 0 : (filter.page - 1) * PEOPLE_PAGE_SIZE + 1;

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone who can sign in or is scored: their role, teams and status. Deactivated people keep their history but leave the scores and cannot sign in."
        actions={
          <>
            <Link href="/admin/hr-import" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50">Import from HR</Link>
            <Link href="/admin/people/new" className="rounded-md bg-indigo-700 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-800">New person</Link>
          </>
        }
      />
      <Card className="mb-6">
        <form method="get" action="/admin/people" className="grid gap-4 sm:grid-cols-5" aria-label="Find people">
          <div className="sm:col-span-2">
            <label htmlFor="people-q" className="block text-sm font-medium text-slate-800">Name or e-mail</label>
            <input id="people-q" name="q" type="search" defaultValue={filter.q} maxLength={100} className={INPUT_CLASS} />
          </div>
          <div>
            <label htmlFor="people-team" className="block text-sm font-medium text-slate-800">Team</label>
            <select id="people-team" name="team" defaultValue={filter.team ?? ''} className={INPUT_CLASS}>
              <option value="">Any team</option>
              {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="people-role" className="block text-sm font-medium text-slate-800">Role</label>
            <select id="people-role" name="role" defaultValue={filter.role ?? ''} className={INPUT_CLASS}>
              <option value="">Any role</option>
              {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="people-status" className="block text-sm font-medium text-slate-800">Status</label>
            <select id="people-status" name="status" defaultValue={filter.status} className={INPUT_CLASS}>
              <option value="active">Active</option>
              <option value="deactivated">Deactivated</option>
              <option value="all">Everyone</option>
            </select>
          </div>
          <div className="flex items-center gap-3 sm:col-span-5">
            <button type="submit" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800">Show</button>
            <Link href="/admin/people" className="text-sm text-indigo-700 underline">Clear filters</Link>
          </div>
        </form>
      </Card>

      {rows.length === 0 ? (
        <EmptyState title="Nobody matches">Change the search or the filters.</EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">
            {first}–{first + rows.length - 1} of {total.toLocaleString('en-GB')} {total === 1 ? 'person' : 'people'}
          </p>
          <DataTable caption="People" headers={['Name', 'E-mail', 'Role', 'Teams', 'Status']}>
            {rows.map((p) => (
              <tr key={p.id}>
                <Cell className="font-medium">
                  <Link href={`/admin/people/${p.id}`} className="text-indigo-700 underline-offset-2 hover:underline">{p.name}</Link>
                  {p.jobTitle ? <div className="text-xs font-normal text-slate-600">{p.jobTitle}</div> : null}
                </Cell>
                <Cell>{p.email}</Cell>
                <Cell>{ROLE_LABELS[p.role]}</Cell>
                <Cell>{p.teams.join(', ') || '—'}</Cell>
                <Cell>{p.active ? <Badge tone="good">Active</Badge> : <Badge>Deactivated</Badge>}</Cell>
              </tr>
            ))}
          </DataTable>
          <Pager page={filter.page} pageSize={PEOPLE_PAGE_SIZE} total={total} hrefFor={(page) => hrefFor(filter, { page })} noun="people" />
        </>
      )}
    </>
  );
}
