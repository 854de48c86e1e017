/**
 * Benchmark worker: a full rescoring of the organisation as of now, loading from the database included —
 * across all cores (the command-line path), and batch by batch in one thread (the web server's path) for comparison.
 */
import { openDatabase } from '@/db/connection';
import { addDaySums, personBatches, sumDayOfRange, loadTeamExceptionCounts } from '@/db/score-batches';
import { scoreOrganisationInParallel, workerCount } from '@/db/score-workers';
import { figuresFromSums, type DaySums } from '@/lib/scoring/day';

async function main() {
  const file = process.argv[2]!;
  const asOf = new Date();
  let started = performance.now();
  const parallel = await scoreOrganisationInParallel(file, asOf);
  const parallelMs = performance.now() - started;
  const parallelRssMb = process.resourceUsage().maxRSS / 1024;

  const db = openDatabase(file);
  started = performance.now();
  let sums: DaySums | undefined;
  for (const batch of personBatches(db)) sums = addDaySums(sums, sumDayOfRange(db, batch, asOf).sums);
  const single = figuresFromSums(sums!, loadTeamExceptionCounts(db, asOf));
  const singleMs = performance.now() - started;
  if (single.organisation.score !== parallel.organisation.score) throw new Error('The parallel and single-threaded scores differ');
  console.log(JSON.stringify({ people: parallel.people, workers: workerCount(), parallelMs, parallelRssMb, singleMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

void main();
