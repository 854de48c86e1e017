import { Badge, type Tone } from '@/components/ui/badge';
import { Cell, DataTable } from '@/components/ui/table';
import type { ExceptionRow, ExceptionStatus } from '@/db/queries/exceptions';
import { formatDate, formatDateTime } from '@/lib/format';
import { RevokeExceptionButton } from './revoke-exception-button';

const STATUS: Readonly<Record<ExceptionStatus, { label: string; tone: Tone }>> = {
  active: { label: 'Active', tone: 'good' },
  scheduled: { label: 'Scheduled', tone: 'info' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'warn' },
};

/** Exceptions with whom they cover, why, for how long, who approved them, and a revoke button while they can still waive. */
export function ExceptionTable({ rows, caption }: { rows: readonly ExceptionRow[]; caption: string }) {
  return (
    <DataTable caption={caption} headers={['Rule', 'Covers', 'Reason', 'Period', 'Status', 'Approved by', '']}>
      {rows.map((row) => {
        const covers = row.scope === 'person' ? row.personName ?? 'Unknown person' : `Team: ${row.teamName ?? 'unknown'}`;
        const canRevoke = row.status === 'active' || row.status === 'scheduled';
        return (
          <tr key={row.id}>
            <Cell>
              <span className="font-mono font-semibold">{row.ruleId}</span>
              <div className="text-xs text-slate-600">{row.ruleTitle ?? 'Rule no longer in any pack'}</div>
            </Cell>
            <Cell>
              <div className="font-medium">{covers}</div>
              {row.personEmail ? <div className="text-xs text-slate-600">{row.personEmail}</div> : null}
            </Cell>
            <Cell className="max-w-xs">{row.reason}</Cell>
            <Cell className="whitespace-nowrap">
              {formatDate(row.startsAt)} – {formatDate(row.expiresAt)}
            </Cell>
            <Cell>
              <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
              {row.revokedAt ? <div className="mt-1 text-xs text-slate-600">{formatDateTime(row.revokedAt)}</div> : null}
            </Cell>
            <Cell>
              <div>{row.approvedByName}</div>
              <div className="text-xs text-slate-600">{formatDate(row.createdAt)}</div>
            </Cell>
            <Cell>{canRevoke ? <RevokeExceptionButton exceptionId={row.id} label={`the exception of ${row.ruleId} for ${covers}`} /> : null}</Cell>
          </tr>
        );
      })}
    </DataTable>
  );
}
