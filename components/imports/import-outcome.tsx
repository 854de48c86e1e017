import { Stat } from '@/components/ui/card';
import { Cell, DataTable } from '@/components/ui/table';
import type { ImportOutcome } from '@/lib/validation/imports';
import { RowErrorTable } from './row-error-table';

/** Counts, rows matching no person, other row errors and a sample: the preview, or what was applied. */
export function ImportOutcomeView({ outcome, applied }: { outcome: ImportOutcome; applied: boolean }) {
  const unmatched = outcome.rowErrors.filter((e) => e.column === 'owner');
  const other = outcome.rowErrors.filter((e) => e.column !== 'owner');
  return (
    <section aria-label={applied ? 'Import result' : 'Import preview'} className="space-y-4">
      <p className="text-sm text-slate-700">
        <span className="font-medium">{outcome.fileName}</span> read as <span className="font-medium">{outcome.formatLabel}</span>.
        {outcome.duplicates > 0 ? ` ${outcome.duplicates} repeated row(s) counted once.` : ''}
        {outcome.ignored > 0 ? ` ${outcome.ignored} row(s) for apps that are not messaging apps left out.` : ''}
      </p>
      <dl className="grid gap-3 sm:grid-cols-5">
        <Stat label="Rows read" value={outcome.rowsRead} />
        <Stat label={applied ? 'New devices' : 'New devices to add'} value={outcome.created} />
        <Stat label={applied ? 'Devices updated' : 'Devices to update'} value={outcome.updated} />
        <Stat label="Unchanged" value={outcome.unchanged} />
        <Stat label={applied ? 'Rows rejected' : 'Rows with errors'} value={outcome.rejected} />
      </dl>
      {unmatched.length > 0 ? <RowErrorTable errors={unmatched} caption="Rows matching no person" /> : null}
      {other.length > 0 ? <RowErrorTable errors={other} caption="Row errors" /> : null}
      {!applied && outcome.sample.length > 0 ? (
        <DataTable caption="First rows as read" headers={['Row', 'Owner', 'Device id', 'Model', 'OS', 'Messaging apps']}>
          {outcome.sample.map((r) => (
            <tr key={r.row}>
              <Cell className="tabular-nums">{r.row}</Cell>
              <Cell>{r.ownerEmail}</Cell>
              <Cell>{r.externalId}</Cell>
              <Cell>{r.model ?? '—'}</Cell>
              <Cell>{r.os ?? '—'}</Cell>
              <Cell>{r.apps.join(', ') || '—'}</Cell>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
