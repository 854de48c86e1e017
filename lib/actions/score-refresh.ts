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
 * for a recomputation first if still stale.
 */
export function refreshScoresFrom(from: Date): void {
  markScoresStale(from);
  scheduled ??= setTimeout(() => {
    scheduled = null;
    ensureScoresCurrent(new Date()).catch((error: unknown) => console.error('Recomputing the daily scores failed; the next page view retries.', error));
  }, REFRESH_AFTER_MS).unref();
  for (const path of ['/organisation', '/teams', '/my']) revalidatePath(path, 'layout');
}
