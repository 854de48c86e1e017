import Link from 'next/link';
import { EmptyState } from '@/components/ui/card';
import type { HeatMapRow } from '@/db/queries/dashboard';
import { capitalise } from '@/lib/format';
import { findRule } from '@/lib/policy';

/** Shade step (`.heat-0` … `.heat-4` in globals.css) by share of members failing; every cell also states the count and share in words. */
function shade(share: number): string {
  if (share === 0) return 'heat-0';
  if (share < 0.1) return 'heat-1';
  if (share < 0.25) return 'heat-2';
  if (share < 0.5) return 'heat-3';
  return 'heat-4';
}

/** Team × rule: how many members of each team fail each rule, and what share of the team that is. One table per sector in view, each with its own policy's rules. */
export function HeatMap({ ruleIds, rows, teamHref }: { ruleIds: readonly string[]; rows: readonly HeatMapRow[]; teamHref: (teamId: number) => string }) {
  if (ruleIds.length === 0) {
    return <EmptyState title="No rule fails in the teams shown">Nothing to map: every rule that applies passes, is waived, or does not apply. Check again after the next device sync or campaign.</EmptyState>;
  }
  const sectors = [...new Set(rows.map((row) => row.team.sector))];
  const key = (
    <p className="mt-2 text-xs text-slate-600">
      Each cell: members failing the rule, and their share of the team (darker = larger share). “n/a”: the rule is not in that team’s policy.
      Rules nobody fails are left out{sectors.length > 1 ? '; each sector’s teams are shown with their own policy’s rules' : ''}.
    </p>
  );
  if (sectors.length === 1) {
    return (
      <>
        <HeatTable caption="Team by rule: members failing each rule, and their share of the team" ruleIds={ruleIds} rows={rows} teamHref={teamHref} />
        {key}
      </>
    );
  }
  return (
    <div className="space-y-6">
      {sectors.map((sector) => {
        const sectorRows = rows.filter((row) => row.team.sector === sector);
        const sectorRules = ruleIds.filter((ruleId) => sectorRows.some((row) => row.fails[ruleId] !== null && row.fails[ruleId] !== undefined));
        return (
          <section key={sector} aria-labelledby={`heat-${sector}`}>
            <h3 id={`heat-${sector}`} className="mb-2 text-sm font-semibold text-slate-800">
              {capitalise(sector)} teams
            </h3>
            {sectorRules.length === 0 ? (
              <p className="text-sm text-slate-600">No rule of the {sector} policy fails in these teams.</p>
            ) : (
              <HeatTable caption={`${capitalise(sector)} teams by rule: members failing each rule, and their share of the team`} ruleIds={sectorRules} rows={sectorRows} teamHref={teamHref} />
            )}
          </section>
        );
      })}
      {key}
    </div>
  );
}

function HeatTable({ caption, ruleIds, rows, teamHref }: { caption: string; ruleIds: readonly string[]; rows: readonly HeatMapRow[]; teamHref: (teamId: number) => string }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
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
                  <td key={ruleId} className={`heat-cell ${shade(share)}`}>
                    {fails}
                    <span className="block text-xs">{Math.round(share * 100)}%</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
