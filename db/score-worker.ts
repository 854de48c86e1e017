/**
 * Worker thread of db/score-workers.ts: scores the batches of people it is handed, one at a time, and keeps
 * their running sums — of one day, or of every day of a range — which it returns when told it is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DaySums } from '@/lib/scoring/day';
import type { DailySums } from '@/lib/scoring/snapshots';
import { openDatabase } from './connection';
import { addDailySums, addDaySums, dailySumsOfRange, sumDayOfRange, type PersonBatch } from './score-batches';

export interface ScoreWorkerTask {
  kind: 'day' | 'days';
  file: string;
  from: number;
  to: number;
}

/** From the pool: the next batch to score, or null when there is none left. */
export type ScoreWorkerRequest = { range: PersonBatch | null };

/** To the pool: a batch is scored (with its people), or the worker's sums once it has no more batches. */
export type ScoreWorkerReply =
  | { type: 'batch'; people: number }
  | { type: 'result'; members: number; day?: DaySums; days?: DailySums };

const task = workerData as ScoreWorkerTask;
const db = openDatabase(task.file);
const days = { from: new Date(task.from), to: new Date(task.to) };
let members = 0;
let day: DaySums | undefined;
let series: DailySums | undefined;

const reply = (message: ScoreWorkerReply) => parentPort!.postMessage(message);

parentPort!.on('message', ({ range }: ScoreWorkerRequest) => {
  if (range === null) {
    db.$client.close();
    reply({ type: 'result', members, day, days: series });
    parentPort!.close();
    return;
  }
  if (task.kind === 'day') {
    const batch = sumDayOfRange(db, range, days.to);
    members += batch.members;
    day = addDaySums(day, batch.sums);
  } else {
    series = addDailySums(series, dailySumsOfRange(db, range, days));
  }
  reply({ type: 'batch', people: range.people });
});
