/**
 * Benchmark worker: a full rescoring of the organisation as of now, loading from the database included —
 * across all cores (the command-line path), and in one thread (the web server's path) for comparison.
 */
import { openDatabase } from '@/db/connection';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import { scoreOrganisationInParallel, workerCount } from '@/db/score-workers';
import { scoreDay } from '@/lib/scoring/day';

async function main() {
  const file = process.argv[2]!;
  const asOf = new Date();
  let started = performance.now();
  const parallel = await scoreOrganisationInParallel(file, asOf);
  const parallelMs = performance.now() - started;
  const parallelRssMb = process.resourceUsage().maxRSS / 1024;

  const db = openDatabase(file);
  started = performance.now();
  const history = loadEvidenceHistory(db, { from: asOf, to: asOf });
  const loadMs = performance.now() - started;
  const single = scoreDay(history, asOf);
  const singleMs = performance.now() - started;
  if (single.organisation.score !== parallel.organisation.score) throw new Error('The parallel and single-threaded scores differ');
  console.log(
    JSON.stringify({ people: parallel.people, workers: workerCount(), parallelMs, parallelRssMb, singleMs, loadMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
  );
}

void main();
