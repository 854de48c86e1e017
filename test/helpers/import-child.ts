/**
 * Child process of test/integration/import-crash.test.ts: imports a generated device CSV of ROWS rows into the
 * database file argv[2] through the real import path (prepareImport → applyDeviceBatch, one transaction).
 * With argv[3] = 'pause', it stops inside the transaction after PAUSE_AT records, prints "MID" and sleeps, so
 * that the test can kill it there; otherwise it prints "DONE <result>" when the import has committed.
 */
import fs from 'node:fs';
import { applyDeviceBatch } from '@/db/commands/devices';
import { openDatabase } from '@/db/connection';
import { prepareImport } from '@/lib/import';
import { crashImportCsv } from './crash-import';

const ROWS = 30_000;
const PAUSE_AT = 25_000;

const [file, mode] = process.argv.slice(2);
const db = openDatabase(file!);
const owners = (db.$client.prepare("SELECT email FROM users WHERE active = 1 ORDER BY id").all() as { email: string }[]).map((u) => u.email);
const officer = db.$client.prepare("SELECT id FROM users WHERE role = 'officer' LIMIT 1").get() as { id: number };

const prepared = prepareImport(new TextEncoder().encode(crashImportCsv(owners, ROWS)), { maxBytes: 50 * 1024 * 1024 });
if (!prepared.ok) throw new Error(prepared.error);

if (mode === 'pause') {
  // A small page cache, so that the uncommitted pages spill into the write-ahead log before the kill, as a large
  // import's do (better-sqlite3's default cache of 16 MB would hold these 25,000 rows in memory).
  db.$client.pragma('cache_size = -256');
  // The import core reads the records with for…of: this iterator stops it mid-transaction, holding the write lock.
  const records = prepared.records;
  const original = Array.prototype[Symbol.iterator].bind(records) as () => IterableIterator<(typeof records)[number]>;
  Object.defineProperty(records, Symbol.iterator, {
    value: function* pausing() {
      let index = 0;
      for (const record of original()) {
        if (index === PAUSE_AT) {
          fs.writeSync(1, 'MID\n');
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
        }
        index += 1;
        yield record;
      }
    },
  });
}

const result = applyDeviceBatch(
  db,
  officer,
  { source: 'csv', format: prepared.format, fileName: 'crash.csv', fileSha256: null, rowsRead: prepared.rowsRead, records: prepared.records, rowErrors: prepared.errors },
  { now: new Date() },
);
db.$client.close();
fs.writeSync(1, `DONE ${JSON.stringify(result.ok ? { created: result.created, importId: result.importId } : result)}\n`);
