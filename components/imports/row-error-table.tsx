import { Cell, DataTable } from '@/components/ui/table';
import type { RowError } from '@/lib/import/types';

/** Most row errors listed on a page; the rest are counted. */
const SHOWN = 200;

/** Row errors as a table: row number, column and reason. Cell text is always escaped (never HTML). */
export function RowErrorTable({ errors, caption }: { errors: readonly RowError[]; caption: string }) {
  return (
    <>
      <DataTable caption={caption} headers={['Row', 'Column', 'Reason']}>
        {errors.slice(0, SHOWN).map((e, i) => (
          <tr key={`${e.row}-${e.column}-${i}`}>
            <Cell className="tabular-nums">{e.row}</Cell>
            <Cell>{e.column || '—'}</Cell>
            <Cell>{e.reason}</Cell>
          </tr>
        ))}
      </DataTable>
      {errors.length > SHOWN ? <p className="mt-2 text-xs text-slate-600">…and {errors.length - SHOWN} more.</p> : null}
    </>
  );
}
