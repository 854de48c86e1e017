import { buildDailySnapshots, type DailyFigures } from '@/lib/scoring/snapshots';
import { dayKey, parseDayKey } from '@/lib/time';
import type { AppDatabase } from './connection';
import { loadEvidenceHistory } from './queries/evidence';

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
 * Recomputes the daily team and organisation figures for [from, to] from the evidence and replaces those
 * days' rows in one transaction: readers see the old figures or the new, never a mix. Idempotent.
 * Days before the first campaign are skipped.
 */
export function refreshSnapshots(
  db: AppDatabase,
  range: { from: Date; to: Date },
  onProgress?: (done: number, total: number) => void,
): SnapshotRefresh | null {
  const first = firstSnapshotDay(db);
  if (!first) return null;
  const from = new Date(Math.max(range.from.getTime(), first.getTime()));
  if (from.getTime() > range.to.getTime()) return null;
  const history = loadEvidenceHistory(db, { from, to: range.to });
  const series = buildDailySnapshots(history, { from, to: range.to }, onProgress);
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
 * Brings the snapshots up to `asOf`: recomputes from the latest snapshot day (its figures were provisional
 * if it was taken before the day ended), or from the start when there are none.
 */
export function catchUpSnapshots(db: AppDatabase, asOf: Date, onProgress?: (done: number, total: number) => void): SnapshotRefresh | null {
  const latest = latestSnapshotDay(db);
  const from = latest ? parseDayKey(latest) : (firstSnapshotDay(db) ?? asOf);
  return refreshSnapshots(db, { from, to: asOf }, onProgress);
}

/**
 * Makes sure the snapshots reach the day of `asOf` before a page reads them: a day that passed without a
 * scheduled `npm run snapshot` is filled in on first view. Returns whether it had to.
 */
export function ensureSnapshotsReach(db: AppDatabase, asOf: Date): boolean {
  if (latestSnapshotDay(db) === dayKey(asOf)) return false;
  catchUpSnapshots(db, asOf);
  return true;
}
