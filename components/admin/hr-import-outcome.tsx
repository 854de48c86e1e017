import { Badge } from '@/components/ui/badge';
import { Stat } from '@/components/ui/card';
import { Cell, DataTable } from '@/components/ui/table';
import { ROLE_LABELS, isRole } from '@/lib/auth/roles';
import { capitalise } from '@/lib/format';
import type { HrImportOutcome } from '@/lib/validation/hr-import';

const KIND_LABELS = { create: 'New', update: 'Changed', reactivate: 'Reactivated', deactivate: 'Deactivated' } as const;
const KIND_TONES = { create: 'info', update: 'neutral', reactivate: 'good', deactivate: 'bad' } as const;

/** Counts, new teams, each person's changes and (full imports) who is missing: the preview, or what was applied. */
export function HrImportOutcomeView({ outcome, applied }: { outcome: HrImportOutcome; applied: boolean }) {
  return (
    <section aria-label={applied ? 'Import result' : 'Import preview'} className="space-y-4">
      <p className="text-sm text-slate-700">
        <span className="font-medium">{outcome.fileName}</span>: {outcome.rowsRead} row(s), read as {outcome.mode === 'full' ? 'the whole organisation' : 'some people'}.
      </p>
      <dl className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label={applied ? 'New people' : 'People to create'} value={outcome.created} />
        <Stat label={applied ? 'Changed' : 'People to change'} value={outcome.updated} />
        <Stat label="Reactivated" value={outcome.reactivated} />
        <Stat label="Unchanged" value={outcome.unchanged} />
        <Stat label={applied ? 'New teams' : 'Teams to create'} value={outcome.newTeams.length} />
        <Stat label={outcome.mode === 'full' ? (applied ? 'Deactivated' : 'Missing from the file') : 'Deactivated'} value={applied || outcome.mode !== 'full' ? outcome.deactivated : outcome.missingCount} />
      </dl>
      {outcome.newTeams.length > 0 ? (
        <p className="text-sm text-slate-700">
          New teams: {outcome.newTeams.map((t) => `${t.name} (${capitalise(t.sector)})`).join(', ')}.
        </p>
      ) : null}
      {outcome.changes.length > 0 ? (
        <>
        <h3 className="text-sm font-semibold text-slate-900">{applied ? 'Changes made' : 'Changes to make'}</h3>
        <DataTable caption={applied ? 'Changes made' : 'Changes to make'} headers={['Row', 'Person', 'Change', 'Details']}>
          {outcome.changes.map((c) => (
            <tr key={c.email}>
              <Cell className="tabular-nums">{c.row ?? '—'}</Cell>
              <Cell>
                <div className="font-medium">{c.name}</div>
                <div className="text-xs text-slate-600">{c.email}</div>
              </Cell>
              <Cell><Badge tone={KIND_TONES[c.kind]}>{KIND_LABELS[c.kind]}</Badge></Cell>
              <Cell>{c.details.join('; ')}</Cell>
            </tr>
          ))}
        </DataTable>
        </>
      ) : (
        <p className="text-sm text-slate-700">Nothing in the file differs from what is on record.</p>
      )}
      {outcome.changeCount > outcome.changes.length ? <p className="text-xs text-slate-600">…and {outcome.changeCount - outcome.changes.length} more changes.</p> : null}
      {!applied && outcome.missingCount > 0 ? (
        <>
          <h3 className="text-sm font-semibold text-slate-900">Active people missing from the file</h3>
          <DataTable caption="Active people missing from the file" headers={['Person', 'E-mail', 'Role']}>
            {outcome.missing.map((m) => (
              <tr key={m.email}>
                <Cell className="font-medium">{m.name}</Cell>
                <Cell>{m.email}</Cell>
                <Cell>{isRole(m.role) ? ROLE_LABELS[m.role] : m.role}</Cell>
              </tr>
            ))}
          </DataTable>
          {outcome.missingCount > outcome.missing.length ? <p className="text-xs text-slate-600">…and {outcome.missingCount - outcome.missing.length} more.</p> : null}
        </>
      ) : null}
    </section>
  );
}
