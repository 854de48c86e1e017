import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { HistoryTable } from '@/components/admin/history-table';
import { InlineAction } from '@/components/admin/inline-action';
import { AddTeamMemberForm } from '@/components/admin/membership-form';
import { TeamForm } from '@/components/admin/team-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { findAdminTeam, listRecordHistory } from '@/db/queries/admin';
import { findOrganisation } from '@/db/queries/organisation';
import { listTeamMembers } from '@/db/queries/teams';
import { addManagerAction, endMembershipAction, removeManagerAction } from '@/lib/actions/people';
import { requireCapability } from '@/lib/auth/guards';
import { can, ROLE_LABELS } from '@/lib/auth/roles';
import { capitalise } from '@/lib/format';
import { SECTORS } from '@/lib/policy/constants';

export const metadata: Metadata = { title: 'Team' };

export default async function AdminTeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  await requireCapability('manage:teams');
  const teamId = Number((await params).teamId);
  const team = Number.isInteger(teamId) && teamId > 0 ? findAdminTeam(db, { teamId }) : null;
  if (!team) notFound();
  const members = listTeamMembers(db, { teamId, campaignId: null });
  const sectorsInUse = findOrganisation(db)?.sectorsInUse ?? [...SECTORS];
  const history = listRecordHistory(db, { targetType: 'team', targetId: teamId });

  return (
    <>
      <PageHeader
        title={team.name}
        description={`${capitalise(team.sector)} sector · scored against the ${team.policyPackId} pack · ${members.length} active ${members.length === 1 ? 'member' : 'members'}`}
        actions={<Link href="/admin/teams" className="text-sm text-indigo-700 underline">All teams</Link>}
      />
      <Card title="Name, sector and pack" className="mb-8">
        <TeamForm team={team} sectorsInUse={sectorsInUse} />
      </Card>
      <Card title="Members" className="mb-8">
        {members.length === 0 ? (
          <EmptyState title="No members">Add people below, or import them from an HR file.</EmptyState>
        ) : (
          <DataTable caption="Members" headers={['Name', 'E-mail', 'Role', 'Manager', '']}>
            {members.map((m) => (
              <tr key={m.userId}>
                <Cell className="font-medium"><Link href={`/admin/people/${m.userId}`} className="text-indigo-700 underline-offset-2 hover:underline">{m.name}</Link></Cell>
                <Cell>{m.email}</Cell>
                <Cell>{ROLE_LABELS[m.role]}</Cell>
                <Cell>{m.isManager ? <Badge tone="info">Manager</Badge> : '—'}</Cell>
                <Cell className="space-y-1">
                  {m.isManager ? (
                    <InlineAction action={removeManagerAction} fields={{ userId: m.userId, teamId }} label="Stop managing" pendingLabel="Saving…" ariaLabel={`${m.name}: stop managing`} />
                  ) : can(m.role, 'view:team') ? (
                    <InlineAction action={addManagerAction} fields={{ userId: m.userId, teamId }} label="Make manager" pendingLabel="Saving…" ariaLabel={`${m.name}: make manager`} />
                  ) : null}{' '}
                  <InlineAction action={endMembershipAction} fields={{ userId: m.userId, teamId }} label="Remove" pendingLabel="Removing…" tone="danger" ariaLabel={`Remove ${m.name}`} confirm={`Remove ${m.name} from ${team.name} from now? Their past membership is kept.`} />
                </Cell>
              </tr>
            ))}
          </DataTable>
        )}
        <div className="mt-6 max-w-md border-t border-slate-200 pt-4">
          <h3 className="mb-3 text-sm font-semibold text-slate-900">Add a member</h3>
          <p className="mb-3 text-xs text-slate-600">Only managers and officers can manage a team: change a person’s role on their page first.</p>
          <AddTeamMemberForm teamId={teamId} />
        </div>
      </Card>
      <Card title="History of changes">
        <HistoryTable entries={history} caption="History of changes" />
      </Card>
    </>
  );
}
