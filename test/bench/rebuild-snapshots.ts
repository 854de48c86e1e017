/** Benchmark worker: rebuilds the daily snapshots of the last N days (default 730) from scratch, on every core. */
import { openDatabase } from '@/db/connection';
import { refreshSnapshotsInParallel } from '@/db/score-workers';
import { MS_PER_DAY } from '@/lib/time';

async function main() {
  const file = process.argv[2]!;
  const days = Number(process.argv[3] ?? 730);
  const db = openDatabase(file);
  const to = new Date();
  db.$client.exec('DELETE FROM team_score_snapshots; DELETE FROM org_score_snapshots;');
  const started = performance.now();
  const result = await refreshSnapshotsInParallel(db, file, { from: new Date(to.getTime() - (days - 1) * MS_PER_DAY), to });
  console.log(
    JSON.stringify({
      ms: performance.now() - started,
      days: result?.days ?? 0,
      teamRows: result?.teamRows ?? 0,
      evaluations: result?.evaluations ?? 0,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

void main();
