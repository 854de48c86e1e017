import 'server-only';
import { revalidatePath } from 'next/cache';
import { ensureScoresCurrent, markScoresStale } from '@/db/snapshot-refresh';

/** How long after a change the figures are recomputed when no page asks for them sooner. */
const REFRESH_AFTER_MS = 5_000;
let scheduled: NodeJS.Timeout | null = null;

/**
 * After evidence changed from `from` on (a policy change's effective date, an exception's start or
 * revocation, a submission, a device change): marks the daily figures stale and schedules their
 * recomputation, so that the change itself returns at once and a burst of changes (a campaign's
 * submissions) is recomputed once, off the event loop (db/snapshot-refresh.ts). Pages that read the figures wait
 * for a recomputation first if still stale. Revalidates no page: for an action whose form shows its own result.
 */
export function scheduleScoreRefresh(from: Date): void {
  markScoresStale(from);
  scheduled ??= setTimeout(() => {
    scheduled = null;
    ensureScoresCurrent(new Date()).catch((error: unknown) => console.error('Recomputing the daily scores failed; the next page view retries.', error));
  }, REFRESH_AFTER_MS).unref();
}

/**
 * `scheduleScoreRefresh`, and the score pages revalidated: Next then renders the page the action was posted from
 * again in the action's response, so that the form's page shows the new figures.
 */
export function refreshScoresFrom(from: Date): void {
  scheduleScoreRefresh(from);
  for (const path of ['/organisation', '/teams', '/my']) revalidatePath(path, 'layout');
}
