import { Cell, DataTable } from '@/components/ui/table';
import type { AuditRow } from '@/db/queries/audit-log';
import { describeAuditSummary, type AuditChange } from '@/lib/audit/summary';
import { formatDateTime } from '@/lib/format';

function Change({ change }: { change: AuditChange }) {
  const field = <span className="font-medium text-slate-800">{change.field}</span>;
  switch (change.kind) {
    case 'changed':
      return (
        <li>
          {field}: <del className="bg-rose-50 text-rose-800">{change.before}</del> <span aria-label="changed to">→</span>{' '}
          <ins className="bg-emerald-50 text-emerald-800 no-underline">{change.after}</ins>
        </li>
      );
    case 'added':
      return (
        <li>
          {field}: <ins className="bg-emerald-50 text-emerald-800 no-underline">{change.value}</ins>
        </li>
      );
    case 'removed':
      return (
        <li>
          {field}: <del className="bg-rose-50 text-rose-800">{change.value}</del> <span className="text-slate-600">(removed)</span>
        </li>
      );
    case 'note':
      return (
        <li className="text-slate-700">
          {field}: {change.value}
        </li>
      );
  }
}

/** Audit entries, newest first: when, who, what, on which record, and the before/after summary as a compact diff. */
export function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  return (
    <DataTable caption="Audit entries" headers={['When', 'Who', 'Action', 'Target', 'Changes']}>
      {rows.map((row) => {
        const changes = describeAuditSummary(row.summary);
        return (
          <tr key={row.id}>
            <Cell className="whitespace-nowrap">
              {formatDateTime(row.at)}
              <div className="text-xs text-slate-600">#{row.id}</div>
            </Cell>
            <Cell>
              {row.actorId === null ? (
                <span className="text-slate-600">System</span>
              ) : (
                <>
                  {row.actorName}
                  <div className="text-xs text-slate-600">{row.actorEmail}</div>
                </>
              )}
            </Cell>
            <Cell>
              <code className="text-xs">{row.action}</code>
            </Cell>
            <Cell className="whitespace-nowrap">
              {row.targetType}
              {row.targetId === null ? null : <span className="text-slate-600"> #{row.targetId}</span>}
            </Cell>
            <Cell className="max-w-xl text-xs break-words">
              {changes.length === 0 ? <span className="text-slate-600">—</span> : <ul className="space-y-0.5">{changes.map((c, i) => <Change key={i} change={c} />)}</ul>}
            </Cell>
          </tr>
        );
      })}
    </DataTable>
  );
}
