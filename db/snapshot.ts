/**
 * `npm run snapshot`: brings the daily score snapshots up to today (idempotent; schedule it daily).
 *   --rebuild            recompute every day from the first campaign
 *   --from YYYY-MM-DD    recompute from that day
 */
import { parseArgs } from 'node:util';
import { parseDayKey } from '@/lib/time';
import { openDatabase, resolveDatabasePath } from './connection';
import { catchUpSnapshots, firstSnapshotDay, refreshSnapshots } from './snapshots';

const { values } = parseArgs({ options: { rebuild: { type: 'boolean', default: false }, from: { type: 'string' } } });
const db = openDatabase(resolveDatabasePath());
const now = new Date();
const started = performance.now();
const progress = (done: number, total: number) => process.stdout.write(`\rScoring people: ${done} of ${total}`);
let from: Date | null = null;
if (values.rebuild) from = firstSnapshotDay(db);
else if (values.from) from = parseDayKey(values.from);
const result = from ? refreshSnapshots(db, { from, to: now }, progress) : catchUpSnapshots(db, now, progress);
process.stdout.write('\n');
db.$client.close();
if (!result) console.log('Nothing to do: no campaign yet, or the snapshots are up to date.');
else {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Snapshots ${result.from} … ${result.to}: ${result.days} days, ${result.teamRows} team rows, ${result.evaluations} person evaluations, ${seconds} s.`);
}
