/**
 * Benchmark worker: imports a generated 120,000-row Microsoft Intune device export end to end as the web server
 * does — in its background process (db/background-process.ts): read, parse, validate, match people, upsert in one
 * transaction, then rescore today — and reads that process's peak memory; then measures SQLite's raw insert rate
 * for the same number of rows, so that the import's rate reads as a share of what SQLite itself can do.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '@/db/connection';
import type { ImportResult } from '@/lib/validation/imports';
import { startBackgroundProcess } from './background-process';

const ROWS = 120_000;
const HEADER =
  'Device ID,Device name,Enrollment date,Last check-in,OS version,Serial number,Manufacturer,Model,Primary user UPN,Primary user email address,OS,Ownership,Compliance,Encrypted,Managed by';

/** Writes the export to `file` a slice of rows at a time, so that generating it leaves no garbage to weigh on the import's memory figure. */
function writeExport(file: string, emails: readonly string[]): void {
  const fd = fs.openSync(file, 'w');
  let lines = [`\uFEFF${HEADER}`];
  for (let i = 0; i < ROWS; i += 1) {
    const email = emails[i % emails.length]!;
    const ios = i % 3 !== 0;
    lines.push(
      [
        `b3f1c2a7-5b9d-4e21-9a0c-${i.toString(16).padStart(12, '0')}`,
        `DEV-${i}`,
        '2025-09-02 10:14:33.0000000',
        `2026-11-${String(1 + (i % 22)).padStart(2, '0')} 07:41:09.0000000`,
        ios ? '18.1' : '14',
        `BENCH${i.toString(36).toUpperCase().padStart(8, '0')}`,
        ios ? 'Apple' : 'samsung',
        ios ? 'iPhone 15' : 'SM-S921B',
        email,
        email,
        ios ? 'iOS' : 'Android',
        i % 4 === 0 ? 'Personal' : 'Corporate',
        i % 10 === 0 ? 'Noncompliant' : 'Compliant',
        i % 25 === 0 ? 'False' : 'True',
        'Intune',
      ].join(','),
    );
    if (lines.length === 10_000) {
      fs.writeSync(fd, `${lines.join('\r\n')}\r\n`);
      lines = [];
    }
  }
  if (lines.length > 0) fs.writeSync(fd, `${lines.join('\r\n')}\r\n`);
  fs.closeSync(fd);
}

function rawInsertRate(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-raw-'));
  const raw = new Database(path.join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, owner INTEGER, serial TEXT, model TEXT, os TEXT, seen INTEGER); CREATE INDEX t_owner ON t (owner);');
  const insert = raw.prepare('INSERT INTO t (owner, serial, model, os, seen) VALUES (?, ?, ?, ?, ?)');
  const started = performance.now();
  raw.transaction(() => {
    for (let i = 0; i < ROWS; i += 1) insert.run(i % 50_000, `BENCH${i}`, 'iPhone 15', '18.1', Date.now());
  })();
  const rate = ROWS / ((performance.now() - started) / 1000);
  raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rate;
}

const db = openDatabase(process.argv[2]!);
const emails = (db.$client.prepare('SELECT email FROM users WHERE active = 1 ORDER BY id').all() as { email: string }[]).map((r) => r.email);
const officer = db.$client.prepare("SELECT id FROM users WHERE role = 'officer' LIMIT 1").get() as { id: number };
const file = path.join(path.dirname(process.argv[2]!), 'intune-export.csv');
writeExport(file, emails);

async function main() {
  const background = startBackgroundProcess(process.argv[2]!);
  const now = new Date();
  const started = performance.now();
  // As the import action does: the upload's bytes written to a temporary file, which the job reads and deletes.
  const bytes = fs.readFileSync(file);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const bytesPath = path.join(os.tmpdir(), `onchannel-bench-import-${process.pid}.csv`);
  fs.writeFileSync(bytesPath, bytes);
  const result = (await background.run({
    kind: 'import',
    actorId: officer.id,
    now,
    bytesPath,
    file: { intent: 'confirm', fileName: 'intune-export.csv', sha256, previewedSha256: sha256, maxBytes: 100 * 1024 * 1024, mapping: {} },
  })) as ImportResult;
  if (!result.ok) throw new Error(result.error);
  const imported = performance.now();
  const importMaxRssMb = background.peakMb();
  await background.run({ kind: 'refresh', from: now, to: now });
  const finished = performance.now();
  const maxRssMb = background.peakMb();
  background.stop();

  console.log(
    JSON.stringify({
      rows: result.outcome.rowsRead,
      created: result.outcome.created,
      rejected: result.outcome.rejected,
      format: result.outcome.format,
      importMs: imported - started,
      rescoreMs: finished - imported,
      totalMs: finished - started,
      importRowsPerSecond: result.outcome.rowsRead / ((imported - started) / 1000),
      rawRowsPerSecond: rawInsertRate(),
      importMaxRssMb,
      maxRssMb,
    }),
  );
}

void main();
