import { Badge, type Tone } from '@/components/ui/badge';
import type { RiskBand } from '@/lib/policy/constants';

const BANDS: Record<RiskBand, { label: string; tone: Tone }> = {
  high: { label: 'High risk', tone: 'bad' },
  medium: { label: 'Medium risk', tone: 'warn' },
  low: { label: 'Low risk', tone: 'good' },
};

/** A risk band in words (the colour only repeats them); "Not scored" for an empty group. */
export function BandBadge({ band }: { band: RiskBand | null }) {
  if (!band) return <Badge>Not scored</Badge>;
  return <Badge tone={BANDS[band].tone}>{BANDS[band].label}</Badge>;
}

/** "82.1" with its band, for tables. */
export function ScoreWithBand({ score, band }: { score: number | null; band: RiskBand | null }) {
  return (
    <span className="inline-flex items-center gap-2 whitespace-nowrap">
      <span className="font-semibold tabular-nums">{score === null ? '—' : score.toFixed(1)}</span>
      <BandBadge band={band} />
    </span>
  );
}
