import Link from 'next/link';
import { EmptyState } from '@/components/ui/card';
import type { HeatMapRow } from '@/db/queries/dashboard';
import { findRule } from '@/lib/policy';

/** Shade steps by share of members failing; every cell also states the count and share in words. */
function shade(share: number): string {
  if (share === 0) return 'bg-white';
  if (share < 0.1) return 'bg-sky-50';
  if (share < 0.25) return 'bg-sky-100';
  if (share < 0.5) return 'bg-sky-200';
  return 'bg-sky-300 font-semibold';
}

/** Team × rule: how many members of each team fail each rule, and what share of the team that is. */
export function HeatMap({ ruleIds, rows, teamHref }: { ruleIds: readonly string[]; rows: readonly HeatMapRow[]; teamHref: (teamId: number) => string }) {
  if (ruleIds.length === 0) {
    return <EmptyState title="No rule fails in the teams shown">Nothing to map: every rule that applies passes, is waived, or does not apply. Check again after the next device sync or campaign.</EmptyState>;
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Team by rule: members failing each rule, and their share of the team</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">
              Team
            </th>
            {ruleIds.map((ruleId) => (
              <th key={ruleId} scope="col" className="px-2 py-2 text-center font-semibold whitespace-nowrap text-slate-700">
                <abbr title={findRule(ruleId)?.title ?? ruleId} className="no-underline">
                  {ruleId}
                </abbr>
                <span className="sr-only"> {findRule(ruleId)?.title}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.team.id}>
              <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                <Link href={teamHref(row.team.id)} className="text-indigo-800 underline-offset-2 hover:underline">
                  {row.team.name}
                </Link>
                <span className="block text-xs font-normal text-slate-600">{row.members} members</span>
              </th>
              {ruleIds.map((ruleId) => {
                const fails = row.fails[ruleId];
                if (fails === null || fails === undefined) {
                  return (
                    <td key={ruleId} className="px-2 py-2 text-center text-xs text-slate-600">
                      n/a<span className="sr-only"> (not in this team’s policy)</span>
                    </td>
                  );
                }
                const share = row.members > 0 ? fails / row.members : 0;
                return (
                  <td key={ruleId} className={`px-2 py-2 text-center whitespace-nowrap tabular-nums text-slate-900 ${shade(share)}`}>
                    {fails}
                    <span className="block text-xs">{Math.round(share * 100)}%</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
        Each cell: members failing the rule, and their share of the team (darker = larger share). “n/a”: the rule is not in that team’s sector policy.
        Rules nobody fails are left out.
      </p>
    </div>
  );
}
