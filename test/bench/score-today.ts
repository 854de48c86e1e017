/**
 * Benchmark worker: a full rescoring of the organisation as of now, loading from the database included —
 * as the web server does it, in its background process (db/background-process.ts), whose scoring workers are kept
 * from one recomputation to the next: the first after the process started, then the median of the next three;
 * then on every core in a fresh process (the command line's path, `npm run snapshot`), and batch by batch in one
 * thread (the web server's fallback when that process cannot start) for comparison.
 */
import { openDatabase } from '@/db/connection';
import { addDaySums, personBatches, sumDayOfRange, loadTeamExceptionCounts } from '@/db/score-batches';
import { scoreOrganisationInParallel, workerCount } from '@/db/score-workers';
import { figuresFromSums, type DaySums } from '@/lib/scoring/day';
import { startBackgroundProcess } from './background-process';

const WARM_RUNS = 3;

async function timed(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main() {
  const file = process.argv[2]!;

  const background = startBackgroundProcess(file);
  const refreshToday = () => {
    const now = new Date();
    return background.run({ kind: 'refresh', from: now, to: now });
  };
  await background.ready;
  const serverFirstMs = await timed(refreshToday);
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i += 1) warm.push(await timed(refreshToday));
  const serverRssMb = background.peakMb();
  background.stop();
  const serverMs = warm.sort((a, b) => a - b)[Math.floor(WARM_RUNS / 2)]!;

  const asOf = new Date();
  let parallel: Awaited<ReturnType<typeof scoreOrganisationInParallel>> | undefined;
  const parallelMs = await timed(async () => (parallel = await scoreOrganisationInParallel(file, asOf)));
  const parallelRssMb = process.resourceUsage().maxRSS / 1024;

  const db = openDatabase(file);
  const singleMs = await timed(() => {
    let sums: DaySums | undefined;
    for (const batch of personBatches(db)) sums = addDaySums(sums, sumDayOfRange(db, batch, asOf).sums);
    if (figuresFromSums(sums!, loadTeamExceptionCounts(db, asOf)).organisation.score !== parallel!.organisation.score) {
      throw new Error('The parallel and single-threaded scores differ');
    }
  });
  console.log(JSON.stringify({ people: parallel!.people, workers: workerCount(), serverMs, serverFirstMs, serverRssMb, parallelMs, parallelRssMb, singleMs }));
}

void main();
