'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MARKER_STYLE, dayMs, lineStyle, shortDay } from './chart-style';

/** Plain chart data, as db/queries/dashboard returns it. */
export interface RiskTrendChartProps {
  lines: readonly { key: string; label: string }[];
  points: readonly { day: string; values: Readonly<Record<string, number | null>> }[];
  markers?: readonly { day: string; kind: 'campaign-opens' | 'campaign-due' | 'policy-change'; label: string }[];
  /** Score below which a person is high risk, and below which medium; drawn as guides. */
  thresholds?: { high: number; medium: number };
  /** Draw a dot at each point (for sparse series such as monthly scores). */
  dots?: boolean;
  height?: number;
}

/**
 * Score over time, one line per series, with dated markers (campaigns, policy changes) and the band
 * thresholds. A leaf client component: the page renders the same data as a table beside it.
 */
export function RiskTrendChart({ lines, points, markers = [], thresholds, dots = false, height = 320 }: RiskTrendChartProps) {
  // A time axis, so that uneven spacing (monthly points, then today) is drawn to scale.
  const data = points.map((p) => ({ t: dayMs(p.day), ...p.values }));
  const first = data[0]?.t ?? 0;
  const last = data[data.length - 1]?.t ?? 0;
  return (
    <div aria-hidden="true" data-chart="risk-trend" style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={[first, last]} tickFormatter={(t: number) => shortDay(t)} minTickGap={32} tick={{ fontSize: 12, fill: '#334155' }} />
          <YAxis domain={[0, 100]} width={36} tick={{ fontSize: 12, fill: '#334155' }} />
          <Tooltip labelFormatter={(t) => shortDay(Number(t))} formatter={(value) => (typeof value === 'number' ? value.toFixed(1) : '—')} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {thresholds ? (
            <>
              <ReferenceLine y={thresholds.high} stroke="#9f1239" strokeOpacity={0.5} label={{ value: 'high risk below', position: 'insideBottomLeft', fontSize: 10, fill: '#9f1239' }} />
              <ReferenceLine y={thresholds.medium} stroke="#92400e" strokeOpacity={0.5} label={{ value: 'medium risk below', position: 'insideBottomLeft', fontSize: 10, fill: '#92400e' }} />
            </>
          ) : null}
          {markers
            .filter((m) => dayMs(m.day) >= first && dayMs(m.day) <= last)
            .map((m) => (
              <ReferenceLine key={`${m.kind}-${m.day}-${m.label}`} x={dayMs(m.day)} stroke={MARKER_STYLE[m.kind].stroke} strokeDasharray={MARKER_STYLE[m.kind].dash} />
            ))}
          {lines.map((line, index) => {
            const style = lineStyle(index);
            return (
              <Line
                key={line.key}
                type="monotone"
                dataKey={line.key}
                name={line.label}
                stroke={style.color}
                strokeWidth={style.width}
                strokeDasharray={style.dash}
                dot={dots ? { r: 3, fill: style.color } : false}
                connectNulls={false}
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
