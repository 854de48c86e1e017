import type { Metadata } from 'next';
import Link from 'next/link';
import { RowErrorTable } from '@/components/imports/row-error-table';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { listImports } from '@/db/queries/imports';
import { requireCapability } from '@/lib/auth/guards';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Import history' };

const FORMAT_LABELS: Record<string, string> = {
  generic: 'Onchannel template',
  intune_devices: 'Intune devices',
  intune_apps: 'Intune discovered apps',
  jamf_mobile: 'Jamf mobile devices',
  jamf_computers: 'Jamf computers',
  api: 'API',
};

export default async function ImportHistoryPage() {
  await requireCapability('import:devices');
  const imports = listImports(db, { limit: 100 });
  const withErrors = imports.filter((i) => i.rowErrors.length > 0).slice(0, 5);
  return (
    <>
      <PageHeader
        title="Import history"
        description="Every device import and API sync: who ran it, when, the format and what happened to each row."
        actions={<Link href="/imports" className="text-sm text-indigo-700 underline">New import</Link>}
      />
      <Card className="mb-6">
        {imports.length === 0 ? (
          <EmptyState title="No imports yet">Imports appear here once an officer applies a file or a sync script calls the API.</EmptyState>
        ) : (
          <DataTable caption="Imports" headers={['When', 'Who', 'Format', 'File', 'Read', 'Accepted', 'Rejected']}>
            {imports.map((i) => (
              <tr key={i.id}>
                <Cell className="whitespace-nowrap">{formatDateTime(i.startedAt)}</Cell>
                <Cell>{i.actorName ?? 'System'}</Cell>
                <Cell>{FORMAT_LABELS[i.format] ?? i.format}</Cell>
                <Cell>
                  {i.fileName ?? '—'}
                  {i.fileSha256 ? <div className="text-xs text-slate-600"><code title={i.fileSha256}>{i.fileSha256.slice(0, 12)}…</code></div> : null}
                </Cell>
                <Cell className="tabular-nums">{i.rowsRead}</Cell>
                <Cell className="tabular-nums">{i.rowsAccepted}</Cell>
                <Cell className="tabular-nums">{i.rowsRejected > 0 ? <Badge tone="warn">{i.rowsRejected}</Badge> : 0}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
      {withErrors.map((i) => (
        <Card key={i.id} title={`Row errors — ${i.fileName ?? FORMAT_LABELS[i.format] ?? i.format}, ${formatDateTime(i.startedAt)}`} className="mb-6">
          <RowErrorTable errors={i.rowErrors} caption={`Row errors of import ${i.id}`} />
        </Card>
      ))}
    </>
  );
}
