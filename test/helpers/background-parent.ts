/**
 * Child process of test/integration/import-crash.test.ts, standing in for the web server: starts the background
 * process (db/background-process.ts) on the database file argv[2] as db/background.ts does, hands it the import of a
 * generated CSV of argv[3] new devices (ids ORPHAN-<i>), prints "CHILD <pid>" and waits, to be killed mid-import.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { JobReply, JobRequest } from '@/db/background-jobs';
import { crashImportCsv } from './crash-import';

const [file, rows] = process.argv.slice(2);
const sqlite = new Database(file!, { readonly: true });
const owners = (sqlite.prepare('SELECT email FROM users WHERE active = 1 ORDER BY id').all() as { email: string }[]).map((u) => u.email);
const officer = sqlite.prepare("SELECT id FROM users WHERE role = 'officer' LIMIT 1").get() as { id: number };
sqlite.close();

const bytes = Buffer.from(crashImportCsv(owners, Number(rows), 'ORPHAN'));
const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
const bytesPath = path.join(os.tmpdir(), `onchannel-orphan-import-${process.pid}.csv`);
fs.writeFileSync(bytesPath, bytes);

const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join('db', 'background-process.ts'), file!], {
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  serialization: 'advanced',
});
child.on('message', (reply: JobReply) => {
  if (!('ready' in reply)) return;
  const request: JobRequest = {
    id: 1,
    job: {
      kind: 'import',
      actorId: officer.id,
      now: new Date(),
      bytesPath,
      file: { intent: 'confirm', fileName: 'orphan.csv', sha256, previewedSha256: sha256, maxBytes: 100 * 1024 * 1024, mapping: {} },
    },
  };
  child.send(request);
  fs.writeSync(1, `CHILD ${child.pid}\n`);
});
