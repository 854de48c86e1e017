import type { Metadata } from 'next';
import Link from 'next/link';
import { HrImportForm } from '@/components/admin/hr-import-form';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { listHrImports } from '@/db/queries/admin';
import { requireCapability } from '@/lib/auth/guards';
import { importMaxMegabytes } from '@/lib/import';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Import people from HR' };

export default async function HrImportPage() {
  await requireCapability('manage:users');
  const history = listHrImports(db, { limit: 50 });
  return (
    <>
      <PageHeader
        title="Import people from HR"
        description="Upload your HR system's export of people and teams. You see every change before anything is stored; the file is applied whole or not at all, and re-importing it changes nothing."
        actions={<Link href="/admin/people" className="text-sm text-indigo-700 underline">All people</Link>}
      />
      <Card className="mb-6">
        <HrImportForm maxMegabytes={importMaxMegabytes()} />
      </Card>
      <Card title="How the file is read" className="mb-6">
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>One row per person, matched by e-mail (case ignored). New people are created without a password: they sign in with single sign-on until one is set.</li>
          <li>The <span className="font-medium">team</span> column lists all of the person&apos;s teams, separated by “;”: they join the teams listed and leave any others. A team not yet in Onchannel is created with the row&apos;s <span className="font-medium">sector</span>.</li>
          <li><span className="font-medium">manager_email</span> names the manager of the row&apos;s teams, who must be a member of those teams and have the manager or officer role. Leave it empty on a team lead&apos;s own row.</li>
          <li><span className="font-medium">role</span> is staff, manager, officer or admin; an empty cell keeps an existing person&apos;s role (new people are staff).</li>
          <li>Refused whole, with the rows named: the same e-mail twice, a new team with no sector, a manager who is not a member, a change that would leave no active administrator.</li>
        </ul>
        <p className="mt-3 text-sm">
          <a href="/admin/hr-import/template" className="font-medium text-indigo-700 underline" download>Download the HR CSV template</a>
        </p>
      </Card>
      <Card title="Import history">
        {history.length === 0 ? (
          <EmptyState title="No HR imports yet">Applied imports appear here with who ran them and what they changed.</EmptyState>
        ) : (
          <DataTable caption="HR import history" headers={['When', 'Who', 'File', 'Covers', 'Rows', 'New', 'Changed', 'Reactivated', 'Deactivated', 'New teams']}>
            {history.map((i) => (
              <tr key={i.id}>
                <Cell className="whitespace-nowrap">{formatDateTime(i.startedAt)}</Cell>
                <Cell>{i.actorName ?? 'System'}</Cell>
                <Cell>
                  {i.fileName ?? '—'}
                  {i.fileSha256 ? <div className="text-xs text-slate-600"><code title={i.fileSha256}>{i.fileSha256.slice(0, 12)}…</code></div> : null}
                </Cell>
                <Cell>{i.mode === 'full' ? 'Everyone' : 'Some people'}</Cell>
                <Cell className="tabular-nums">{i.rowsRead}</Cell>
                {(['created', 'updated', 'reactivated', 'deactivated', 'teamsCreated'] as const).map((k) => (
                  <Cell key={k} className="tabular-nums">{i.counts?.[k] ?? '—'}</Cell>
                ))}
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
