import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { HistoryTable } from '@/components/admin/history-table';
import { InlineAction } from '@/components/admin/inline-action';
import { AddToTeamForm } from '@/components/admin/membership-form';
import { RoleForm } from '@/components/admin/person-access';
import { EditPersonForm, PasswordForm } from '@/components/admin/person-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { findAdminPerson, listRecordHistory } from '@/db/queries/admin';
import { listPolicyTeams } from '@/db/queries/policy';
import { addManagerAction, endMembershipAction, removeManagerAction, setPasswordAction, setPersonActiveAction } from '@/lib/actions/people';
import { requireCapability } from '@/lib/auth/guards';
import { can, ROLE_LABELS } from '@/lib/auth/roles';
import { capitalise, formatDate } from '@/lib/format';

export const metadata: Metadata = { title: 'Person' };

export default async function AdminPersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const viewer = await requireCapability('manage:users');
  const userId = Number((await params).userId);
  const person = Number.isInteger(userId) && userId > 0 ? findAdminPerson(db, { userId }) : null;
  if (!person) notFound();
  const current = person.memberships.filter((m) => m.leftAt === null);
  const teams = listPolicyTeams(db).filter((t) => !current.some((m) => m.teamId === t.id)).map((t) => ({ id: t.id, name: t.name }));
  const history = listRecordHistory(db, { targetType: 'user', targetId: person.id });
  const self = viewer.id === person.id;

  return (
    <>
      <PageHeader
        title={person.name}
        description={
          <>
            {person.email} · {ROLE_LABELS[person.role]} · {person.active ? <Badge tone="good">Active</Badge> : <Badge>Deactivated {formatDate(person.deactivatedAt)}</Badge>}
          </>
        }
        actions={<Link href="/admin/people" className="text-sm text-indigo-700 underline">All people</Link>}
      />
      <div className="mb-8 grid gap-6 lg:grid-cols-2">
        <Card title="Details" className="self-start">
          <EditPersonForm person={person} />
        </Card>
        <div className="space-y-6">
          <Card title="Role">
            {self ? <p className="text-sm text-slate-700">You cannot change your own role: ask another administrator.</p> : <RoleForm userId={person.id} role={person.role} />}
          </Card>
          <Card title="Sign-in">
            <p className="mb-3 text-sm text-slate-700">
              {person.hasPassword ? 'Signs in with a password.' : 'No password: signs in with single sign-on only.'}
              {person.signsInWithSso ? ' Linked to a single sign-on identity.' : ''}
            </p>
            <PasswordForm userId={person.id} hasPassword={person.hasPassword} />
            {person.hasPassword ? (
              <div className="mt-3">
                <InlineAction action={setPasswordAction} fields={{ userId: person.id, intent: 'remove' }} label="Remove password" pendingLabel="Removing…" tone="danger" confirm={`Remove ${person.name}’s password? They will sign in with single sign-on only.`} />
              </div>
            ) : null}
          </Card>
          <Card title="Status">
            {person.active ? (
              <>
                <p className="mb-3 text-sm text-slate-700">Deactivating ends their team memberships and management now: they leave the scores from today and can no longer sign in. Their records are kept.</p>
                {self ? null : <InlineAction action={setPersonActiveAction} fields={{ userId: person.id, active: 'false' }} label="Deactivate" pendingLabel="Deactivating…" tone="danger" confirm={`Deactivate ${person.name}? They leave their teams and can no longer sign in.`} />}
              </>
            ) : (
              <>
                <p className="mb-3 text-sm text-slate-700">Deactivated on {formatDate(person.deactivatedAt)}. Reactivating lets them sign in again; add them to their teams afterwards.</p>
                <InlineAction action={setPersonActiveAction} fields={{ userId: person.id, active: 'true' }} label="Reactivate" pendingLabel="Reactivating…" tone="primary" />
              </>
            )}
          </Card>
        </div>
      </div>

      <Card title="Teams" className="mb-8">
        {current.length === 0 ? (
          <EmptyState title="In no team">People in no team are not scored. Add them to a team below.</EmptyState>
        ) : (
          <DataTable caption="Current teams" headers={['Team', 'Sector', 'Since', 'Manager', '']}>
            {current.map((m) => (
              <tr key={m.teamId}>
                <Cell className="font-medium"><Link href={`/admin/teams/${m.teamId}`} className="text-indigo-700 underline-offset-2 hover:underline">{m.team}</Link></Cell>
                <Cell>{capitalise(m.sector)}</Cell>
                <Cell>{formatDate(m.joinedAt)}</Cell>
                <Cell>{m.managerNow ? <Badge tone="info">Manager</Badge> : '—'}</Cell>
                <Cell className="space-y-1">
                  {m.managerNow ? (
                    <InlineAction action={removeManagerAction} fields={{ userId: person.id, teamId: m.teamId }} label="Stop managing" pendingLabel="Saving…" ariaLabel={`Stop managing ${m.team}`} />
                  ) : can(person.role, 'view:team') ? (
                    <InlineAction action={addManagerAction} fields={{ userId: person.id, teamId: m.teamId }} label="Make manager" pendingLabel="Saving…" ariaLabel={`Make manager of ${m.team}`} />
                  ) : null}{' '}
                  <InlineAction action={endMembershipAction} fields={{ userId: person.id, teamId: m.teamId }} label="Remove from team" pendingLabel="Removing…" tone="danger" ariaLabel={`Remove from ${m.team}`} confirm={`Remove ${person.name} from ${m.team} from now? Their past membership is kept.`} />
                </Cell>
              </tr>
            ))}
          </DataTable>
        )}
        {person.active && teams.length > 0 ? (
          <div className="mt-6 max-w-md border-t border-slate-200 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">Add to a team</h3>
            <AddToTeamForm userId={person.id} teams={teams} />
          </div>
        ) : null}
      </Card>

      <div className="mb-8 grid gap-6 lg:grid-cols-2">
        <Card title="Membership history">
          {person.memberships.length === 0 ? (
            <p className="text-sm text-slate-700">Has never been in a team.</p>
          ) : (
            <DataTable caption="Membership history" headers={['Team', 'Joined', 'Left']}>
              {person.memberships.map((m, i) => (
                <tr key={`${m.teamId}-${i}`}>
                  <Cell>{m.team}</Cell>
                  <Cell>{formatDate(m.joinedAt)}</Cell>
                  <Cell>{m.leftAt ? formatDate(m.leftAt) : 'Current'}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
        <Card title="Management history">
          {person.managements.length === 0 ? (
            <p className="text-sm text-slate-700">Has never managed a team.</p>
          ) : (
            <DataTable caption="Management history" headers={['Team', 'From', 'Until']}>
              {person.managements.map((m, i) => (
                <tr key={`${m.teamId}-${i}`}>
                  <Cell>{m.team}</Cell>
                  <Cell>{formatDate(m.since)}</Cell>
                  <Cell>{m.until ? formatDate(m.until) : 'Current'}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>

      <Card title="History of changes">
        <HistoryTable entries={history} caption="History of changes" />
      </Card>
    </>
  );
}
