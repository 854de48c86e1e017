import 'server-only';
import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { refreshSnapshots } from '@/db/snapshots';

/**
 * After evidence changed from `from` on (a policy change's effective date, an exception's start or
 * revocation, a submission, a device change), recomputes the daily snapshots from that day to now and
 * marks the score pages stale. A future `from` has nothing to recompute yet.
 */
export function refreshScoresFrom(from: Date): void {
  refreshSnapshots(db, { from, to: new Date() });
  for (const path of ['/organisation', '/teams', '/my']) revalidatePath(path, 'layout');
}
