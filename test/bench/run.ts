/**
 * `npm run bench`: seeds the large organisation (50,000 staff, about 120,000 devices, two years of history)
 * into a temporary database and prints the figures of each benchmark, each measured in a fresh process so
 * that its peak memory is its own. Figures, not pass/fail: the machines are shared and noisy.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedFile } from '@/db/seed/index';

const HISTORY_DAYS = 760;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-bench-'));
const database = path.join(dir, 'large.db');
const rows: { benchmark: string; figure: string; goal: string }[] = [];

function worker(script: string, ...args: string[]): Record<string, number> {
  const result = spawnSync(path.join('node_modules', '.bin', 'tsx'), [path.join('test', 'bench', script), database, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
  });
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (mb: number) => `${Math.round(mb)} MB`;

try {
  let started = performance.now();
  seedFile(database, { size: 'large', asOf: new Date(), reset: true, historyDays: HISTORY_DAYS, quarters: 9 });
  rows.push({ benchmark: 'Seed the large organisation', figure: seconds(performance.now() - started), goal: '—' });

  const today = worker('score-today.ts');
  rows.push({
    benchmark: `Full rescoring as of today (${today.people} people), loading included, ${today.workers} worker threads`,
    figure: `${seconds(today.parallelMs!)}, peak ${megabytes(today.parallelRssMb!)}`,
    goal: '< 2 s, < 1 GB',
  });
  rows.push({
    benchmark: '  the same in one thread (the web server path)',
    figure: `${seconds(today.singleMs!)} (load ${seconds(today.loadMs!)})`,
    goal: '—',
  });

  started = performance.now();
  const rebuild = worker('rebuild-snapshots.ts', '730');
  rows.push({
    benchmark: `Rebuild daily snapshots from scratch (${rebuild.days} days × ${rebuild.teamRows! / Math.max(1, rebuild.days!)} teams)`,
    figure: `${seconds(rebuild.ms!)}, ${rebuild.evaluations} person evaluations, peak ${megabytes(rebuild.maxRssMb!)}`,
    goal: '< 60 s',
  });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const width = Math.max(...rows.map((r) => r.benchmark.length));
console.log('\nBenchmarks (this machine, one run each):');
for (const row of rows) console.log(`  ${row.benchmark.padEnd(width)}  ${row.figure}   goal ${row.goal}`);
