/**
 * Worker thread of db/score-workers.ts. It lives as long as its pool: each job starts with the task (which file,
 * one day or every day of a range), then comes batch after batch of people, each scored and added to the job's
 * running sums, then the end of the job, answered with those sums. Its database connection, compiled queries
 * and compiled code stay warm from one job to the next.
 */
import { parentPort } from 'node:worker_threads';
import type { DaySums } from '@/lib/scoring/day';
import type { DailySums } from '@/lib/scoring/snapshots';
import { openDatabase, type AppDatabase } from './connection';
import { addDailySums, addDaySums, dailySumsOfRange, sumDayOfRange, type PersonBatch } from './score-batches';

export interface ScoreWorkerTask {
  kind: 'day' | 'days';
  file: string;
  from: number;
  to: number;
}

/** From the pool: a job's task, one of its batches, or its end; or that the worker is to close and exit. */
export type ScoreWorkerRequest = { type: 'task'; task: ScoreWorkerTask } | { type: 'batch'; range: PersonBatch } | { type: 'end' } | { type: 'close' };

/** To the pool: a batch is scored (with its people), the job's sums once it ended, or why a message failed. */
export type ScoreWorkerReply =
  | { type: 'batch'; people: number }
  | { type: 'result'; members: number; day?: DaySums; days?: DailySums }
  | { type: 'failed'; error: string };

interface Job {
  task: ScoreWorkerTask;
  db: AppDatabase;
  days: { from: Date; to: Date };
  members: number;
  day?: DaySums;
  series?: DailySums;
}

let connection: { file: string; db: AppDatabase } | null = null;
let job: Job | null = null;

const reply = (message: ScoreWorkerReply) => parentPort!.postMessage(message);

/** The connection to `file`, kept open between jobs (one file at a time). */
function connectionTo(file: string): AppDatabase {
  if (connection?.file !== file) {
    connection?.db.$client.close();
    connection = null;
    connection = { file, db: openDatabase(file) };
  }
  return connection.db;
}

/**
 * A failure is answered, not thrown: the pool then closes its workers between messages. Terminating a worker
 * instead could stop it inside better-sqlite3 while it throws an error of its own, which aborts the whole process.
 */
parentPort!.on('message', (message: ScoreWorkerRequest) => {
  try {
    handle(message);
  } catch (error) {
    job = null;
    reply({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});

function handle(message: ScoreWorkerRequest): void {
  if (message.type === 'close') {
    connection?.db.$client.close();
    connection = null;
    parentPort!.close();
    return;
  }
  if (message.type === 'task') {
    const { task } = message;
    job = { task, db: connectionTo(task.file), days: { from: new Date(task.from), to: new Date(task.to) }, members: 0 };
    return;
  }
  if (!job) throw new Error(`A scoring worker was sent "${message.type}" outside a job`);
  if (message.type === 'end') {
    reply({ type: 'result', members: job.members, day: job.day, days: job.series });
    job = null;
    return;
  }
  if (job.task.kind === 'day') {
    const batch = sumDayOfRange(job.db, message.range, job.days.to);
    job.members += batch.members;
    job.day = addDaySums(job.day, batch.sums);
  } else {
    job.series = addDailySums(job.series, dailySumsOfRange(job.db, message.range, job.days));
  }
  reply({ type: 'batch', people: message.range.people });
}
