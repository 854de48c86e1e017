import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { listOutbox } from '@/db/queries/reminders';
import { requireCapability } from '@/lib/auth/guards';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Reminder outbox' };

const KIND_LABELS = { due_soon: 'Due soon', overdue: 'Overdue', nudge: 'Nudge' } as const;

export default async function OutboxPage() {
  await requireCapability('manage:campaigns');
  const rows = listOutbox(db);
  return (
    <>
      <PageHeader
        title="Reminder outbox"
        description="Every attestation reminder, newest first: the daily “due soon” and “overdue” reminders (npm run reminders) and managers’ nudges. Nobody gets more than one a day. E-mailed when SMTP is configured."
        actions={<Link href="/campaigns" className="text-sm font-medium text-indigo-700 hover:underline">Campaigns</Link>}
      />
      <Card title="Outbox">
        {rows.length === 0 ? (
          <EmptyState title="No reminders yet">They appear here when the daily reminder job runs or a manager nudges someone.</EmptyState>
        ) : (
          <DataTable caption="Reminder outbox" headers={['Queued', 'To', 'Kind', 'Campaign', 'Subject', 'From', 'E-mail']}>
            {rows.map((r) => (
              <tr key={r.id}>
                <Cell className="whitespace-nowrap">{formatDateTime(r.createdAt)}</Cell>
                <Cell>{r.recipient}</Cell>
                <Cell>{KIND_LABELS[r.kind]}</Cell>
                <Cell>{r.campaign}</Cell>
                <Cell>{r.subject}</Cell>
                <Cell>{r.sentBy ?? 'Scheduled'}</Cell>
                <Cell>{r.emailedAt ? <Badge tone="good">Sent {formatDateTime(r.emailedAt)}</Badge> : r.emailError ? <Badge tone="bad">Failed: {r.emailError}</Badge> : <Badge>Outbox only</Badge>}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
