/**
 * `npm run snapshot`: brings the daily score snapshots up to today on every core (idempotent; schedule it daily).
 *   --rebuild            recompute every day from the first campaign
 *   --from YYYY-MM-DD    recompute from that day
 */
import { parseArgs } from 'node:util';
import { parseDayKey } from '@/lib/time';
import { openDatabase, resolveDatabasePath } from './connection';
import { refreshSnapshotsInParallel } from './score-workers';
import { catchUpStart, firstSnapshotDay } from './snapshots';

async function main() {
  const { values } = parseArgs({ options: { rebuild: { type: 'boolean', default: false }, from: { type: 'string' } } });
  const file = resolveDatabasePath();
  const db = openDatabase(file);
  const now = new Date();
  const from = values.from ? parseDayKey(values.from) : values.rebuild ? firstSnapshotDay(db) : catchUpStart(db);
  const started = performance.now();
  const progress = (done: number, total: number) => process.stdout.write(`\rScoring people: ${done} of ${total}`);
  const result = from ? await refreshSnapshotsInParallel(db, file, { from, to: now }, { onProgress: progress }) : null;
  process.stdout.write('\n');
  db.$client.close();
  if (!result) {
    console.log('Nothing to do: there is no campaign yet.');
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Snapshots ${result.from} … ${result.to}: ${result.days} days, ${result.teamRows} team rows, ${result.evaluations} person evaluations, ${seconds} s.`);
}

void main();
