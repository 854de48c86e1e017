import type { SnapshotFigures } from '@/db/queries/scores';
import { formatDate } from '@/lib/format';
import { parseDayKey } from '@/lib/time';

/**
 * The change in score since a quarter ago, in words and sign (a higher score means less risk), never
 * by colour alone.
 */
export function ScoreChange({ now, before, beforeDay }: { now: SnapshotFigures | null; before: SnapshotFigures | null; beforeDay: string }) {
  if (!now || now.score === null) return <>No score today</>;
  if (!before || before.score === null) return <>No score on {formatDate(parseDayKey(beforeDay))} to compare with</>;
  const delta = Math.round((now.score - before.score) * 10) / 10;
  const since = `since ${formatDate(parseDayKey(before.day))}`;
  if (delta === 0) return <>Unchanged {since}</>;
  return (
    <span className={delta > 0 ? 'text-emerald-800' : 'text-rose-800'}>
      <span aria-hidden="true">{delta > 0 ? '▲' : '▼'} </span>
      {delta > 0 ? 'Up' : 'Down'} {Math.abs(delta).toFixed(1)} points {since} ({delta > 0 ? 'less' : 'more'} risk)
    </span>
  );
}
