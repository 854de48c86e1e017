import 'server-only';
import { dayKey } from '@/lib/time';
import { BackgroundProcessStopped, runInBackground } from './background';
import { db } from './index';
import { latestSnapshotDay, markSnapshotsStale, refreshSnapshots, takeRefreshStart } from './snapshots';

/*
 * The web server recomputes the daily figures in its background process (db/background.ts): scoring the
 * organisation takes from tens of milliseconds to seconds, during which every request in flight would
 * otherwise wait (under load, with attestations coming in and each dashboard view recomputing first: a
 * third of the event loop). One recomputation runs at a time; a page waits for one that covers the changes
 * made before it was asked for.
 */

/** Changes counted so far (`markScoresStale`), and how many of them the last finished recomputation covers. */
let changes = 0;
// The stale mark db/index.ts sets when it opens the database is covered by no recomputation yet.
let covered = -1;
let running: Promise<void> | null = null;

/** Marks the figures stale from `from` on (see markSnapshotsStale) and counts the change. */
export function markScoresStale(from: Date): void {
  markSnapshotsStale(db, from);
  changes += 1;
}

async function recomputeRange(range: { from: Date; to: Date }): Promise<void> {
  try {
    await runInBackground({ kind: 'refresh', ...range });
  } catch (error) {
    if (!(error instanceof BackgroundProcessStopped)) throw error;
    // Recomputing is idempotent: do it here this time; the next job starts the process again.
    console.error('The background process stopped while recomputing the daily figures; recomputing them in the server process.', error);
    refreshSnapshots(db, range);
  }
}

async function recompute(asOf: Date): Promise<void> {
  const upTo = changes;
  const start = takeRefreshStart(db, asOf);
  try {
    if (start?.from) await recomputeRange({ from: start.from, to: asOf });
  } catch (error) {
    if (start?.stale) markSnapshotsStale(db, start.stale);
    throw error;
  }
  covered = upTo;
}

/**
 * Resolves once the daily figures reflect every change made before the call and reach `asOf`'s day:
 * waits for the recomputation under way, then starts one if that was not enough. Throws when it fails.
 */
export async function ensureScoresCurrent(asOf: Date): Promise<void> {
  const wanted = changes;
  while (running) await running.catch(() => undefined);
  if (covered >= wanted && latestSnapshotDay(db) === dayKey(asOf)) return;
  running = recompute(asOf).finally(() => {
    running = null;
  });
  await running;
}
