/**
 * Worker thread of db/score-workers.ts: loads one shard of the people and returns its sums — of one day,
 * or of every day of a range. Sums of disjoint shards add up to the organisation's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sumDay, teamExceptionCounts } from '@/lib/scoring/day';
import { buildDailySums } from '@/lib/scoring/snapshots';
import { openDatabase } from './connection';
import { loadEvidenceHistory, type EvidenceShard } from './queries/evidence';

export interface ScoreWorkerTask {
  kind: 'day' | 'days';
  file: string;
  from: number;
  to: number;
  shard: EvidenceShard;
}

const task = workerData as ScoreWorkerTask;
const db = openDatabase(task.file);
const range = { from: new Date(task.from), to: new Date(task.to) };
const history = loadEvidenceHistory(db, { ...range, shard: task.shard });
if (task.kind === 'day') {
  const { members, sums } = sumDay(history, range.to);
  parentPort!.postMessage({ type: 'result', people: members.length, sums, teamExceptions: teamExceptionCounts(history, range.to) });
} else {
  const sums = buildDailySums(history, range, (done, total) => parentPort!.postMessage({ type: 'progress', done, total }));
  parentPort!.postMessage({ type: 'result', sums });
}
db.$client.close();
