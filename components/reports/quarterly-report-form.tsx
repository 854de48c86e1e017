import { capitalise } from '@/lib/format';
import type { Sector } from '@/lib/policy/constants';

const SELECT = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:outline-2 focus:outline-indigo-600';

/** A quarter the picker offers: its label ('2026-Q3') and how it is shown. */
export interface QuarterChoice {
  label: string;
  text: string;
}

/**
 * "Quarterly report": a quarter picker (and, for officers, sector and team, as on the dashboard) and a
 * Download button, as a plain GET form on the PDF route: the browser downloads the file and stays on the page.
 */
export function QuarterlyReportForm({
  id,
  action,
  quarters,
  scope,
  archiveHref,
}: {
  id: string;
  action: string;
  quarters: readonly QuarterChoice[];
  /** Officers choose the scope; omitted for one team's form. */
  scope?: { sectors: readonly Sector[]; teams: readonly { id: number; name: string; sector: Sector }[]; sector: Sector | null; teamId: number | null };
  /** The ZIP of every team's last four quarters, for officers. */
  archiveHref?: string;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="mb-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        Quarterly report
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A PDF for the file or the board: score and change since the previous quarter, findings by rule with citations, attestations, devices,
        exceptions, people at high risk and a sign-off block. Each download is recorded in the audit log.
      </p>
      <form method="get" action={action} aria-label="Quarterly report" className="mt-4 flex flex-wrap items-end gap-4">
        {scope ? (
          <>
            <div className="text-sm font-medium text-slate-700">
              <label htmlFor={`${id}-sector`}>Report sector</label>
              <select id={`${id}-sector`} name="sector" defaultValue={scope.sector ?? ''} className={SELECT}>
                <option value="">All sectors</option>
                {scope.sectors.map((s) => (
                  <option key={s} value={s}>
                    {capitalise(s)}
                  </option>
                ))}
              </select>
            </div>
            <div className="text-sm font-medium text-slate-700">
              <label htmlFor={`${id}-team`}>Report team</label>
              <select id={`${id}-team`} name="team" defaultValue={scope.teamId ?? ''} className={SELECT}>
                <option value="">All teams (organisation or sector report)</option>
                {scope.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
        <div className="text-sm font-medium text-slate-700">
          <label htmlFor={`${id}-quarter`}>Quarter</label>
          <select id={`${id}-quarter`} name="quarter" defaultValue={quarters[0]?.label} className={SELECT}>
            {quarters.map((q) => (
              <option key={q.label} value={q.label}>
                {q.text}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700">
          <span aria-hidden="true">⤓</span> Download PDF
        </button>
      </form>
      {archiveHref ? (
        <p className="mt-4 text-sm">
          <a href={archiveHref} download className="font-medium text-indigo-800 underline-offset-2 hover:underline">
            <span aria-hidden="true">⤓</span> Download every team’s reports for the last four quarters (ZIP)
          </a>{' '}
          <span className="text-slate-600">— the current quarter to date and the three before it; this can take a minute for a large organisation.</span>
        </p>
      ) : null}
    </section>
  );
}
