'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { MarkerKey } from '@/components/charts/marker-key';
import type { ChartMarker, TrendSeries } from '@/db/queries/dashboard';
import { formatDate } from '@/lib/format';
import { parseDayKey } from '@/lib/time';

const CHART_HEIGHT = 320;

/**
 * Loaded after the page: recharts is the largest script of the dashboards and draws nothing on the
 * server anyway. The chart's height is reserved meanwhile so that nothing jumps.
 */
const RiskTrendChart = dynamic(() => import('@/components/charts/risk-trend-chart').then((m) => m.RiskTrendChart), {
  ssr: false,
  loading: () => <div data-chart-loading="risk-trend" style={{ height: CHART_HEIGHT }} />,
});

/**
 * The risk-over-time chart and its text alternative, drawn from one copy of the data: a table of every
 * point (built when opened: a year is 365 rows) and the list of the markers, so nothing is only in the picture.
 */
export function TrendFigure({
  title,
  trend,
  markers,
  dots,
  thresholds,
}: {
  title: string;
  trend: TrendSeries;
  markers: readonly ChartMarker[];
  dots: boolean;
  thresholds: { high: number; medium: number };
}) {
  const [tableOpen, setTableOpen] = useState(false);
  return (
    <>
      <figure>
        <RiskTrendChart lines={trend.lines} points={trend.points} markers={markers} dots={dots} thresholds={thresholds} height={CHART_HEIGHT} />
        <figcaption className="sr-only">{title}: the table below holds the same figures.</figcaption>
        {markers.length > 0 ? <MarkerKey /> : null}
      </figure>
      <details className="mt-3 rounded-md border border-slate-200 p-3" onToggle={(event) => setTableOpen(event.currentTarget.open)}>
        <summary className="cursor-pointer text-sm font-medium text-slate-800">Show the chart as a table ({trend.points.length} days)</summary>
        {tableOpen ? (
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
        ) : null}
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
    </>
  );
}
