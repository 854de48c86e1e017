/**
 * Benchmark worker: imports a generated 120,000-row Microsoft Intune device export end to end — read, parse,
 * validate, match people, upsert in one transaction, rescore today in the scoring process the web server uses — then
 * measures SQLite's raw insert rate
 * for the same number of rows, so that the import's rate reads as a share of what SQLite itself can do.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyDeviceBatch } from '@/db/commands/devices';
import { openDatabase } from '@/db/connection';
import type { RefreshReply, RefreshRequest } from '@/db/snapshot-refresher';
import { prepareImport } from '@/lib/import';

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

/** Reads, parses and applies the file; returns what was imported, leaving the records to be collected as the app does before it rescores. */
function importFile(now: Date) {
  const bytes = fs.readFileSync(file); // a Uint8Array, as readUpload gives the import
  const prepared = prepareImport(bytes, { maxBytes: 100 * 1024 * 1024 });
  if (!prepared.ok) throw new Error(prepared.error);
  const parsed = performance.now();
  const result = applyDeviceBatch(
    db,
    officer,
    { source: 'csv', format: prepared.format, fileName: 'intune-export.csv', fileSha256: null, rowsRead: prepared.rowsRead, records: prepared.records, rowErrors: prepared.errors },
    { now },
  );
  if (!result.ok) throw new Error(result.error);
  return { rows: prepared.rowsRead, format: prepared.format, created: result.created, rejected: result.rejected, parsed };
}

/**
 * Rescores today as the web server does after an import: in its scoring child process (db/snapshot-refresh.ts),
 * started on first use. Resolves with that process's peak memory in MB (read from /proc before it exits).
 */
function rescoreLikeTheServer(now: Date): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('db', 'snapshot-refresher.ts'), process.argv[2]!], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('message', (reply: RefreshReply) => {
      if (!reply.ok) return reject(new Error(reply.message));
      const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
      child.disconnect();
      resolve(peakKb / 1024);
    });
    child.send({ id: 1, from: now.getTime(), to: now.getTime() } satisfies RefreshRequest);
  });
}

async function main() {
  const started = performance.now();
  const now = new Date();
  const { rows, format, created, rejected, parsed } = importFile(now);
  const applied = performance.now();
  const rescoreMaxRssMb = await rescoreLikeTheServer(now);
  const finished = performance.now();

  console.log(
    JSON.stringify({
      rows,
      created,
      rejected,
      format,
      parseMs: parsed - started,
      applyMs: applied - parsed,
      rescoreMs: finished - applied,
      totalMs: finished - started,
      importRowsPerSecond: rows / ((applied - started) / 1000),
      rawRowsPerSecond: rawInsertRate(),
      // The import's process (the server's, in the app) and the scoring process: each one's own peak.
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      rescoreMaxRssMb,
    }),
  );
}

void main();
