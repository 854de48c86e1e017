/**
 * Benchmark worker: one quarterly report, gathered from the database and drawn as a PDF, for the current
 * quarter: `team` (the organisation's largest team) or `organisation`. Snapshots are brought up to date first,
 * in a child process (`npm run snapshot`), so that neither the time nor the peak memory includes them, as a
 * scheduled snapshot would have done. Prints time, peak memory, pages and size as JSON.
 *   tsx test/bench/report.ts <database file> team|organisation [out.pdf]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/connection';
import { loadQuarterlyReport } from '@/db/queries/report';
import { latestSnapshotDay } from '@/db/snapshots';
import { renderReportPdf, type ReportScope } from '@/lib/reports';
import { dayKey, quarterOf } from '@/lib/time';

async function main() {
  const [file, kind, out] = process.argv.slice(2);
  if (!file || (kind !== 'team' && kind !== 'organisation')) throw new Error('usage: report.ts <database file> team|organisation [out.pdf]');
  let db = openDatabase(file);
  if (latestSnapshotDay(db) !== dayKey(new Date())) {
    db.$client.close();
    const run = spawnSync(path.join('node_modules', '.bin', 'tsx'), [path.join('db', 'snapshot.ts')], { env: { ...process.env, DATABASE_PATH: file }, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`Bringing the snapshots up to date failed:\n${run.stderr}`);
    db = openDatabase(file);
  }
  const now = new Date();
  const largest = db.$client
    .prepare('SELECT team_id AS id, count(*) AS members FROM team_members WHERE left_at IS NULL GROUP BY team_id ORDER BY members DESC, team_id LIMIT 1')
    .get() as { id: number; members: number };
  const scope: ReportScope = kind === 'team' ? { kind: 'team', teamId: largest.id } : { kind: 'organisation' };
  const fiscal = (db.$client.prepare('SELECT fiscal_year_start_month AS m FROM organisation').get() as { m: number } | undefined)?.m ?? 1;

  const started = performance.now();
  const report = loadQuarterlyReport(db, { scope, quarter: quarterOf(now, fiscal), now, generatedBy: 'Benchmark' })!;
  const gatheredMs = performance.now() - started;
  const pdf = await renderReportPdf(report);
  const ms = performance.now() - started;
  if (out) fs.writeFileSync(out, pdf);
  console.log(
    JSON.stringify({
      ms,
      gatheredMs,
      members: report.figures?.members ?? 0,
      pages: (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length,
      kb: pdf.byteLength / 1024,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

void main();
