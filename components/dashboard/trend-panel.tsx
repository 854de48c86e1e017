import type { ReactNode } from 'react';
import { TrendFigure } from '@/components/dashboard/trend-figure';
import { Card, EmptyState } from '@/components/ui/card';
import type { ChartMarker, TrendSeries } from '@/db/queries/dashboard';
import { HIGH_RISK_BELOW_SCORE, MEDIUM_RISK_BELOW_SCORE } from '@/lib/scoring';

/** The risk-over-time chart with its text alternative (see TrendFigure), or what to do when there is no data yet. */
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
        <TrendFigure title={title} trend={trend} markers={markers} dots={dots} thresholds={{ high: HIGH_RISK_BELOW_SCORE, medium: MEDIUM_RISK_BELOW_SCORE }} />
      )}
      {actions ? <div className="mt-3 flex flex-wrap gap-4">{actions}</div> : null}
    </Card>
  );
}
