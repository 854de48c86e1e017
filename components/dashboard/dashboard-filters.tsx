import type { ViewTeam } from '@/db/queries/dashboard';
import { capitalise } from '@/lib/format';
import { SECTORS } from '@/lib/policy/constants';
import { RANGE_LABELS, type DashboardFilters, type DashboardRange } from '@/lib/validation/dashboard';

const SELECT = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:outline-2 focus:outline-indigo-600';

/**
 * Sector, team, range and chart-line filters as a plain GET form: the view lives in the URL, so it can be
 * bookmarked and shared, and it works without JavaScript.
 */
export function DashboardFiltersForm({ action, filters, teams, showSector }: { action: string; filters: DashboardFilters; teams: readonly ViewTeam[]; showSector: boolean }) {
  return (
    <form method="get" action={action} role="search" aria-label="Dashboard filters" className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {showSector ? (
        <div className="text-sm font-medium text-slate-700">
          <label htmlFor="filter-sector">Sector</label>
          <select id="filter-sector" name="sector" defaultValue={filters.sector ?? ''} className={SELECT}>
            <option value="">All sectors</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {capitalise(s)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="text-sm font-medium text-slate-700">
        <label htmlFor="filter-team">Team</label>
        <select id="filter-team" name="team" defaultValue={filters.teamId ?? ''} className={SELECT}>
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="text-sm font-medium text-slate-700">
        <label htmlFor="filter-range">Chart range</label>
        <select id="filter-range" name="range" defaultValue={filters.range} className={SELECT}>
          {(Object.keys(RANGE_LABELS) as DashboardRange[]).map((r) => (
            <option key={r} value={r}>
              {RANGE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="text-sm font-medium text-slate-700">
        <label htmlFor="filter-series">Chart lines</label>
        <select id="filter-series" name="series" defaultValue={filters.series} className={SELECT}>
          <option value="total">One line for the view</option>
          <option value="sector">One per sector</option>
          <option value="team">One per team</option>
        </select>
      </div>
      <button type="submit" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700">
        Apply filters
      </button>
      <a href={action} className="py-2 text-sm text-indigo-800 underline-offset-2 hover:underline">
        Reset
      </a>
    </form>
  );
}
