/**
 * `npm run bench`: seeds the large organisation (50,000 staff, about 120,000 devices, two years of history)
 * into a temporary database and prints the figures of each benchmark (rescoring, snapshot rebuild, a
 * 120,000-row Intune import, quarterly PDF reports of a team and the organisation, a load run of 50 staff on
 * the demo organisation), each measured in a fresh process so
 * that its peak memory is its own. Figures, not pass/fail: the machines are shared and noisy.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedFile } from '@/db/seed/index';

const HISTORY_DAYS = 760;
if (!fs.existsSync(path.join(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
  throw new Error('The page-render benchmark serves the production build: run `npm run build` first.');
}
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
    benchmark: `Full rescoring as of today (${today.people} people), loading included, in the server's background process (${today.workers} worker threads, kept between recomputations), median of 3`,
    figure: `${seconds(today.serverMs!)}, peak ${megabytes(today.serverRssMb!)}`,
    goal: '< 2 s, < 1 GB',
  });
  rows.push({ benchmark: '  the first after that process started (its workers warming up)', figure: seconds(today.serverFirstMs!), goal: '—' });
  rows.push({
    benchmark: `  on ${today.workers} worker threads started afresh (the command line's path), and batch by batch in one thread`,
    figure: `${seconds(today.parallelMs!)}, peak ${megabytes(today.parallelRssMb!)}; ${seconds(today.singleMs!)}`,
    goal: '—',
  });

  started = performance.now();
  const rebuild = worker('rebuild-snapshots.ts', '730');
  rows.push({
    benchmark: `Rebuild daily snapshots from scratch (${rebuild.days} days × ${rebuild.teamRows! / Math.max(1, rebuild.days!)} teams)`,
    figure: `${seconds(rebuild.ms!)}, ${rebuild.evaluations} person evaluations, peak ${megabytes(rebuild.maxRssMb!)}`,
    goal: '< 60 s',
  });

  const render = worker('render-pages.ts') as unknown as Record<string, Record<string, number>>;
  for (const [name, page, goal] of [['organisation page', render.organisation!, '300 ms'], ['team page', render.team!, '150 ms']] as const) {
    rows.push({
      benchmark: `Server render of the ${name} (next start, officer, p50 / p95 of ${render.requests} requests)`,
      figure: `${Math.round(page.p50!)} / ${Math.round(page.p95!)} ms, first-load JS ${Math.round(page.firstLoadJsKb!)} kB gzip`,
      goal: `p95 < ${goal}, JS < 250 kB`,
    });
  }

  const load = worker('load.ts') as unknown as Record<string, number | string>;
  rows.push({
    benchmark: `Load: ${load.users} staff attesting through the form's server action, with imports and dashboard reads (next start, ${load.organisation})`,
    figure: `${(load.perSecond as number).toFixed(1)} submissions/s, p50 / p95 ${Math.round(load.p50 as number)} / ${Math.round(load.p95 as number)} ms, ${load.errors} errors; ${load.accepted} accepted, ${load.stored} stored, ${load.lost} lost`,
    goal: 'p95 < 500 ms, 0 errors, 0 lost',
  });
  rows.push({
    benchmark: `  meanwhile: dashboard reads p95, ${load.importRows}-row device imports applied`,
    figure: `${Math.round(load.readP95 as number)} ms over ${load.reads} reads; ${load.imports} imports, p50 ${Math.round(load.importP50 as number)} ms`,
    goal: '—',
  });

  for (const kind of ['team', 'organisation'] as const) {
    const report = worker('report.ts', kind);
    rows.push({
      benchmark: `Quarterly PDF report of ${kind === 'team' ? `the largest team (${report.members} members)` : `the organisation (${report.members} members)`}, gathered and drawn`,
      figure: `${seconds(report.ms!)} (data ${seconds(report.gatheredMs!)}), ${report.pages} pages, ${Math.round(report.kb!)} kB, peak ${megabytes(report.maxRssMb!)}`,
      goal: kind === 'team' ? '< 2 s' : '< 15 s, < 1 GB',
    });
  }

  const imported = worker('import-intune.ts');
  rows.push({
    benchmark: `Import a ${imported.rows}-row Intune device export end to end (parse, validate, match, upsert, rescore)`,
    figure: `${seconds(imported.totalMs!)} (import ${seconds(imported.importMs!)}, rescore ${seconds(imported.rescoreMs!)}), the background process's peak ${megabytes(imported.maxRssMb!)} (${megabytes(imported.importMaxRssMb!)} after the import)`,
    goal: '< 10 s, < 500 MB',
  });
  rows.push({
    benchmark: '  import rate vs SQLite raw insert rate (same rows, prepared statement, one transaction)',
    figure: `${Math.round(imported.importRowsPerSecond!)} vs ${Math.round(imported.rawRowsPerSecond!)} rows/s (${((100 * imported.importRowsPerSecond!) / imported.rawRowsPerSecond!).toFixed(1)} %)`,
    goal: '—',
  });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const width = Math.max(...rows.map((r) => r.benchmark.length));
console.log('\nBenchmarks (this machine, one run each):');
for (const row of rows) console.log(`  ${row.benchmark.padEnd(width)}  ${row.figure}   goal ${row.goal}`);
