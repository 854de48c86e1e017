import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { Cell, DataTable } from '@/components/ui/table';
import type { PolicySettingHistoryRow, PolicyVersionStatus } from '@/db/queries/policy';
import { formatDate, formatDateTime } from '@/lib/format';
import { describeOverride } from './describe-parameters';

const STATUS: Readonly<Record<PolicyVersionStatus, { label: string; tone: Tone }>> = {
  in_force: { label: 'In force', tone: 'good' },
  scheduled: { label: 'Scheduled', tone: 'info' },
  superseded: { label: 'Superseded', tone: 'neutral' },
};

/** Every version of a scope's override: when it takes effect, what it sets, who changed it and why. */
export function SettingsHistory({ rows, caption }: { rows: readonly PolicySettingHistoryRow[]; caption: string }) {
  if (rows.length === 0) {
    return <EmptyState title="No changes recorded">This scope inherits every parameter.</EmptyState>;
  }
  return (
    <DataTable caption={caption} headers={['Effective from', 'Status', 'Sets', 'Changed by', 'Note']}>
      {rows.map((row) => {
        const lines = describeOverride(row.parameters);
        return (
          <tr key={row.id}>
            <Cell className="whitespace-nowrap">{formatDate(row.effectiveFrom)}</Cell>
            <Cell>
              <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
            </Cell>
            <Cell>
              {lines.length === 0 ? (
                <span className="text-slate-600">Inherits everything</span>
              ) : (
                <ul className="space-y-0.5">
                  {lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
            </Cell>
            <Cell>
              <div>{row.changedByName ?? 'System'}</div>
              <div className="text-xs text-slate-600">{formatDateTime(row.createdAt)}</div>
            </Cell>
            <Cell className="max-w-xs">{row.note ?? '—'}</Cell>
          </tr>
        );
      })}
    </DataTable>
  );
}
