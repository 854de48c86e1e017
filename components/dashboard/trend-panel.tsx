import type { ReactNode } from 'react';
import { MarkerKey, RiskTrendChart } from '@/components/charts/risk-trend-chart';
import { Card, EmptyState } from '@/components/ui/card';
import type { ChartMarker, TrendSeries } from '@/db/queries/dashboard';
import { formatDate } from '@/lib/format';
import { HIGH_RISK_BELOW_SCORE, MEDIUM_RISK_BELOW_SCORE } from '@/lib/scoring';
import { parseDayKey } from '@/lib/time';

/**
 * The risk-over-time chart with its text alternative: a folded table of every point and a list of the
 * markers, so nothing is only in the picture.
 */
export function TrendPanel({
  title,
  description,
  trend,
  markers = [],
  dots = false,
  actions,
}: {
  title: string;
  description: ReactNode;
  trend: TrendSeries;
  markers?: readonly ChartMarker[];
  dots?: boolean;
  actions?: ReactNode;
}) {
  const hasData = trend.points.some((p) => Object.values(p.values).some((v) => v !== null));
  return (
    <Card title={title} className="mb-8">
      <p className="mb-3 text-sm text-slate-600">{description}</p>
      {!hasData ? (
        <EmptyState title="No scores in this range yet">Scores are kept daily from the first attestation campaign. Open a campaign, or choose a longer range.</EmptyState>
      ) : (
        <figure>
          <RiskTrendChart lines={trend.lines} points={trend.points} markers={markers} dots={dots} thresholds={{ high: HIGH_RISK_BELOW_SCORE, medium: MEDIUM_RISK_BELOW_SCORE }} />
          <figcaption className="sr-only">{title}: the table below holds the same figures.</figcaption>
          {markers.length > 0 ? <MarkerKey /> : null}
        </figure>
      )}
      {hasData ? (
        <details className="mt-3 rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">Show the chart as a table ({trend.points.length} days)</summary>
          <div className="relative mt-2 max-h-96 overflow-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{title} as a table</caption>
              <thead>
                <tr>
                  <th scope="col" className="px-2 py-1 text-left">Day</th>
                  {trend.lines.map((line) => (
                    <th key={line.key} scope="col" className="px-2 py-1 text-right">
                      {line.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {trend.points.map((point) => (
                  <tr key={point.day} className="border-t border-slate-100">
                    <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap">
                      {formatDate(parseDayKey(point.day))}
                    </th>
                    {trend.lines.map((line) => (
                      <td key={line.key} className="px-2 py-1 text-right tabular-nums">
                        {point.values[line.key]?.toFixed(1) ?? '—'}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {markers.length > 0 ? (
            <>
              <h3 className="mt-3 text-sm font-medium text-slate-800">Events marked on the chart</h3>
              <ul className="mt-1 list-disc pl-5 text-sm">
                {markers.map((m) => (
                  <li key={`${m.kind}-${m.day}-${m.label}`}>
                    {formatDate(parseDayKey(m.day))}: {m.label}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </details>
      ) : null}
      {actions ? <div className="mt-3 flex flex-wrap gap-4">{actions}</div> : null}
    </Card>
  );
}
