import { dailyFigures, type DailyFigures, type DailySums, type SnapshotSeries } from '@/lib/scoring/snapshots';
import { dayKey, parseDayKey } from '@/lib/time';
import type { AppDatabase } from './connection';
import { addDailySums, dailySumsOfRange, personBatches } from './score-batches';

export interface SnapshotRefresh {
  from: string;
  to: string;
  days: number;
  teamRows: number;
  evaluations: number;
}

/** The first day worth a snapshot: the opening of the first attestation campaign (null before any). */
export function firstSnapshotDay(db: AppDatabase): Date | null {
  const row = db.$client.prepare('SELECT min(opens_at) AS at FROM campaigns').get() as { at: number | null };
  return row.at === null ? null : new Date(row.at);
}

/** The latest day that has organisation figures, or null. */
export function latestSnapshotDay(db: AppDatabase): string | null {
  const row = db.$client.prepare('SELECT max(day) AS day FROM org_score_snapshots').get() as { day: string | null };
  return row.day;
}

/**
 * Recomputes the daily team and organisation figures for [from, to] from the evidence, batch of people by
 * batch (memory stays one batch deep), all read in one transaction so that they see the same evidence, and
 * replaces those days' rows in one transaction: readers see the old figures or the new, never a mix.
 * Idempotent. Days before the first campaign are skipped.
 */
export function refreshSnapshots(
  db: AppDatabase,
  range: { from: Date; to: Date },
  { onProgress, peoplePerBatch }: { onProgress?: (done: number, total: number) => void; peoplePerBatch?: number } = {},
): SnapshotRefresh | null {
  const bounded = snapshotRange(db, range);
  if (!bounded) return null;
  const sums = db.$client.transaction(() => {
    const batches = personBatches(db, peoplePerBatch);
    const total = batches.reduce((sum, b) => sum + b.people, 0);
    let running: DailySums | undefined;
    let done = 0;
    for (const batch of batches) {
      running = addDailySums(running, dailySumsOfRange(db, batch, bounded));
      onProgress?.((done += batch.people), total);
    }
    return running!;
  })();
  return writeSnapshotSeries(db, dailyFigures(sums));
}

/** The range a refresh covers: from the later of `from` and the first campaign, to `to`; null when empty. */
export function snapshotRange(db: AppDatabase, range: { from: Date; to: Date }): { from: Date; to: Date } | null {
  const first = firstSnapshotDay(db);
  if (!first) return null;
  const from = new Date(Math.max(range.from.getTime(), first.getTime()));
  return from.getTime() > range.to.getTime() ? null : { from, to: range.to };
}

/** Replaces the stored figures of the series' days in one transaction: readers see old or new, never a mix. */
export function writeSnapshotSeries(db: AppDatabase, series: SnapshotSeries): SnapshotRefresh {
  const sqlite = db.$client;
  const firstDay = series.organisation[0]!.day;
  const lastDay = series.organisation[series.organisation.length - 1]!.day;
  const insertTeam = sqlite.prepare(
    `INSERT INTO team_score_snapshots (team_id, day, score, band, members, high_risk, attestations_due, attestations_done, open_exceptions, rule_fail_counts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOrganisation = sqlite.prepare(
    `INSERT INTO org_score_snapshots (day, score, band, members, high_risk, attestations_due, attestations_done, open_exceptions, rule_fail_counts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const values = (f: DailyFigures) =>
    [f.day, f.score, f.band, f.members, f.highRiskCount, f.attestationsDue, f.attestationsDone, f.openExceptions, JSON.stringify(f.ruleFailCounts)] as const;
  let teamRows = 0;
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM team_score_snapshots WHERE day BETWEEN ? AND ?').run(firstDay, lastDay);
    sqlite.prepare('DELETE FROM org_score_snapshots WHERE day BETWEEN ? AND ?').run(firstDay, lastDay);
    for (const [teamId, figures] of series.teams) {
      for (const f of figures) {
        insertTeam.run(teamId, ...values(f));
        teamRows += 1;
      }
    }
    for (const f of series.organisation) insertOrganisation.run(...values(f));
  })();
  return { from: firstDay, to: lastDay, days: series.organisation.length, teamRows, evaluations: series.evaluations };
}

/**
 * Where a catch-up starts: the latest snapshot day (its figures were provisional if it was taken before the
 * day ended), or the first campaign's opening when there are none; null before any campaign.
 */
export function catchUpStart(db: AppDatabase): Date | null {
  const latest = latestSnapshotDay(db);
  return latest ? parseDayKey(latest) : firstSnapshotDay(db);
}

/** Brings the snapshots up to `asOf` (see `catchUpStart`). */
export function catchUpSnapshots(db: AppDatabase, asOf: Date): SnapshotRefresh | null {
  const from = catchUpStart(db);
  return from ? refreshSnapshots(db, { from, to: asOf }) : null;
}

/** Per database: the earliest day from which a write changed the evidence and the figures were not yet recomputed. */
const staleSince = new WeakMap<AppDatabase['$client'], Date>();

/**
 * Records that the evidence changed from `from` on, without recomputing now: a submission or a device
 * change costs the writer nothing, and many changes in a row are recomputed once, by the next
 * `ensureSnapshotsReach` (a page view or the scheduled refresh). A future `from` has nothing to recompute yet.
 */
export function markSnapshotsStale(db: AppDatabase, from: Date): void {
  const earlier = staleSince.get(db.$client);
  if (!earlier || from.getTime() < earlier.getTime()) staleSince.set(db.$client, from);
}

/**
 * Makes sure the snapshots are up to date as of `asOf` before they are read: recomputes from the earliest
 * change marked stale, and fills in days that passed without a scheduled `npm run snapshot`.
 * Returns whether it had to.
 */
export function ensureSnapshotsReach(db: AppDatabase, asOf: Date): boolean {
  const start = takeRefreshStart(db, asOf);
  if (start === undefined) return false;
  try {
    if (start.from) refreshSnapshots(db, { from: start.from, to: asOf });
  } catch (error) {
    if (start.stale) markSnapshotsStale(db, start.stale);
    throw error;
  }
  return true;
}

/**
 * What `ensureSnapshotsReach` must recompute as of `asOf`, taking the stale mark with it: undefined when the
 * figures are current, else the day to recompute from (null before any campaign) and the mark taken, which
 * the caller puts back (`markSnapshotsStale`) if the recomputation fails. For callers that recompute elsewhere.
 */
export function takeRefreshStart(db: AppDatabase, asOf: Date): { from: Date | null; stale: Date | null } | undefined {
  const stale = staleSince.get(db.$client) ?? null;
  if (!stale && latestSnapshotDay(db) === dayKey(asOf)) return undefined;
  staleSince.delete(db.$client);
  const catchUp = catchUpStart(db);
  return { from: stale && (!catchUp || stale.getTime() < catchUp.getTime()) ? stale : catchUp, stale };
}
