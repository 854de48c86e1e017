/**
 * Scoring the whole organisation on every core, for the command line (`npm run snapshot`, benchmarks):
 * each worker thread loads and scores one shard of the people, the sums are added up here. Not used inside
 * the web server, whose bundle cannot start TypeScript workers; there the single-threaded path serves.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { figuresFromSums, mergeDaySums, type DaySums } from '@/lib/scoring/day';
import { dailyFigures, mergeDailySums, type DailySums } from '@/lib/scoring/snapshots';
import type { AppDatabase } from './connection';
import type { ScoreWorkerTask } from './score-worker';
import { snapshotRange, writeSnapshotSeries, type SnapshotRefresh } from './snapshots';

/** Workers to use: one per core, at least one. */
export function workerCount(): number {
  return Math.max(1, os.availableParallelism());
}

type Progress = (done: number, total: number) => void;

function runShards<R>(tasks: ScoreWorkerTask[], onProgress?: Progress): Promise<R[]> {
  const progress = tasks.map(() => ({ done: 0, total: 0 }));
  const script = path.join(process.cwd(), 'db', 'score-worker.ts');
  return Promise.all(
    tasks.map(
      (task, i) =>
        new Promise<R>((resolve, reject) => {
          // Workers start from plain JavaScript that registers tsx, then load the TypeScript worker.
          const worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script)});`, { eval: true, workerData: task });
          worker.on('message', (message: { type: 'progress'; done: number; total: number } | ({ type: 'result' } & R)) => {
            if (message.type === 'progress') {
              progress[i] = { done: message.done, total: message.total };
              onProgress?.(progress.reduce((sum, p) => sum + p.done, 0), progress.reduce((sum, p) => sum + p.total, 0));
            } else resolve(message);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => code !== 0 && reject(new Error(`Scoring worker ${i} exited with code ${code}`)));
        }),
    ),
  );
}

function tasksFor(kind: ScoreWorkerTask['kind'], file: string, from: Date, to: Date, count: number): ScoreWorkerTask[] {
  return Array.from({ length: count }, (_, index) => ({ kind, file, from: from.getTime(), to: to.getTime(), shard: { index, count } }));
}

/** The organisation scored on `asOf` across `count` workers: the same figures as `scoreDay` on everyone. */
export async function scoreOrganisationInParallel(file: string, asOf: Date, count = workerCount()) {
  const results = await runShards<{ people: number; sums: DaySums; teamExceptions: Map<number, number> }>(tasksFor('day', file, asOf, asOf, count));
  const [first, ...rest] = results;
  for (const result of rest) mergeDaySums(first!.sums, result.sums);
  return { people: results.reduce((sum, r) => sum + r.people, 0), ...figuresFromSums(first!.sums, first!.teamExceptions) };
}

/** `refreshSnapshots` across `count` workers reading the database file `file`; the rows are written here. */
export async function refreshSnapshotsInParallel(
  db: AppDatabase,
  file: string,
  range: { from: Date; to: Date },
  onProgress?: Progress,
  count = workerCount(),
): Promise<SnapshotRefresh | null> {
  const bounded = snapshotRange(db, range);
  if (!bounded) return null;
  const results = await runShards<{ sums: DailySums }>(tasksFor('days', file, bounded.from, bounded.to, count), onProgress);
  const [first, ...rest] = results;
  for (const result of rest) mergeDailySums(first!.sums, result.sums);
  return writeSnapshotSeries(db, dailyFigures(first!.sums));
}
