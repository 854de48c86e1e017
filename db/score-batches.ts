/**
 * Scoring the organisation in batches of people: each batch's evidence is loaded, scored and dropped
 * before the next, so memory stays one batch deep however large the organisation, and the sums of the
 * batches add up to the organisation's (a person's figures depend only on their own evidence).
 */
import { mergeDaySums, sumDay, teamExceptionCounts, type DaySums } from '@/lib/scoring/day';
import { buildDailySums, mergeDailySums, type DailySums } from '@/lib/scoring/snapshots';
import type { AppDatabase } from './connection';
import { loadEvidenceHistory, type PersonRange } from './queries/evidence';

/**
 * People per batch: enough that the per-batch queries cost little (about a millisecond), few enough that a batch's
 * records are collected young, before the garbage collector promotes them (rescoring 50,000 people: 2,000 a
 * batch took 10 % more CPU).
 */
export const PEOPLE_PER_BATCH = 500;

/** A batch: the people whose ids lie in [first, last], and how many they are. */
export interface PersonBatch extends PersonRange {
  people: number;
}

/**
 * Consecutive id ranges covering every person, `size` people each (the last may hold fewer). An
 * organisation without people still gets one empty batch, so that its teams get their (empty) figures.
 */
export function personBatches(db: AppDatabase, size = PEOPLE_PER_BATCH): PersonBatch[] {
  const ids = db.$client.prepare('SELECT id FROM users ORDER BY id').pluck().all() as number[];
  const batches: PersonBatch[] = [];
  for (let i = 0; i < ids.length; i += size) {
    const end = Math.min(i + size, ids.length);
    batches.push({ first: ids[i]!, last: ids[end - 1]!, people: end - i });
  }
  return batches.length > 0 ? batches : [{ first: 1, last: 0, people: 0 }];
}

/** One batch's sums on `asOf`, and how many memberships were scored. */
export function sumDayOfRange(db: AppDatabase, range: PersonRange, asOf: Date): { members: number; sums: DaySums } {
  const { members, sums } = sumDay(loadEvidenceHistory(db, { range, from: asOf, to: asOf }), asOf);
  return { members: members.length, sums };
}

/** One batch's daily sums over `days`. */
export function dailySumsOfRange(db: AppDatabase, range: PersonRange, days: { from: Date; to: Date }): DailySums {
  return buildDailySums(loadEvidenceHistory(db, { range, ...days }), days);
}

/** Team-scope exceptions in force on `asOf`: the same for every batch, so counted once. */
export function loadTeamExceptionCounts(db: AppDatabase, asOf: Date): Map<number, number> {
  return teamExceptionCounts(loadEvidenceHistory(db, { userIds: [], from: asOf, to: asOf }), asOf);
}

/** Adds a batch's sums into a running total (the first batch becomes the total). */
export function addDaySums(total: DaySums | undefined, batch: DaySums): DaySums {
  if (!total) return batch;
  mergeDaySums(total, batch);
  return total;
}

/** Adds a batch's daily sums into a running total (the first batch becomes the total). */
export function addDailySums(total: DailySums | undefined, batch: DailySums): DailySums {
  if (!total) return batch;
  mergeDailySums(total, batch);
  return total;
}
