import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { openDatabase } from '@/db/connection';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { crashImportCsv, findProcess, processGone, until, writeLocked } from '../helpers/crash-import';
import { databaseDigest } from '../helpers/digest';
import { callServerAction, serverActionIds, Session, startServer, type BenchServer } from '../helpers/next-server';

/**
 * The production server killed (kill -9, the server process alone) while its background process applies a large
 * device import: the database must stay exactly as it was before the import — no import record, no device, no
 * audit entry, integrity and audit chain intact — the orphaned background process must end, and the server
 * restarted on the same file must serve a signed-in officer. On a copy of the browser tests' database.
 */

/** Large enough that applying it holds its transaction open for a second or more. */
const ROWS = 100_000;
const OFFICER = 'officer@northbridge.example';

let dir: string;
let file: string;
const servers: BenchServer[] = [];
let backgroundPid: number | undefined;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-e2e-crash-'));
  file = path.join(dir, 'crash.db');
  const source = new Database(inject('databasePath'));
  source.exec(`VACUUM INTO '${file}'`);
  source.close();
});

afterAll(() => {
  // Only what this file started, and only if a failed assertion left it running.
  if (backgroundPid !== undefined && !processGone(backgroundPid)) process.kill(backgroundPid, 'SIGKILL');
  for (const server of servers) server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything the import could have touched, read from the file by another connection. */
function state() {
  const sqlite = new Database(file, { readonly: true });
  const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const value = {
    counts: { devices: count('devices'), deviceVersions: count('device_versions'), imports: count('imports'), auditLog: count('audit_log') },
    digest: databaseDigest(sqlite),
  };
  sqlite.close();
  return value;
}

async function start(): Promise<BenchServer> {
  const server = await startServer(file, {}, { showErrors: true });
  servers.push(server);
  return server;
}

describe('kill -9 of the server during a device import', () => {
  it('leaves the database as it was before the import, ends the background process, and serves again after a restart', async () => {
    const server = await start();
    const officer = new Session(server.base);
    await officer.signIn(OFFICER, DEMO_PASSWORD);

    const sqlite = new Database(file, { readonly: true });
    const owners = (sqlite.prepare('SELECT email FROM users WHERE active = 1 ORDER BY id').all() as { email: string }[]).map((u) => u.email);
    sqlite.close();
    const bytes = new TextEncoder().encode(crashImportCsv(owners, ROWS, 'KILLED'));
    const form = new FormData();
    form.append('intent', 'confirm');
    form.append('format', 'auto');
    form.append('previewedSha256', crypto.createHash('sha256').update(bytes).digest('hex'));
    form.append('file', new File([bytes], 'killed.csv', { type: 'text/csv' }));
    // After the sign-in, which is audited: what the database must still be once the server is killed.
    const before = state();

    const answer = callServerAction(officer, '/imports', serverActionIds()['lib/actions/imports.ts#importDevices']!, form).then(
      (response) => `answered ${response.status}`,
      () => 'no answer',
    );
    let background: { pid: number; ppid: number } | undefined;
    await until(
      "the server's background process is applying the import (holds the write lock)",
      () => {
        background ??= findProcess((args) => args.some((a) => a.endsWith('background-process.ts')) && args.includes(file));
        return background !== undefined && writeLocked(file);
      },
      { timeoutMs: 60_000, everyMs: 20 },
    );
    backgroundPid = background!.pid;
    expect(background!.ppid).toBe(server.process.pid);
    process.kill(server.process.pid!, 'SIGKILL');
    expect(await answer).toBe('no answer');
    await until('the orphaned background process has exited', () => processGone(backgroundPid!), { timeoutMs: 30_000, everyMs: 50 });

    expect(writeLocked(file)).toBe(false);
    const after = state();
    expect(after.counts).toEqual(before.counts);
    expect(after.digest).toEqual(before.digest);
    const db = openDatabase(file);
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.$client.prepare("SELECT count(*) FROM devices WHERE external_id LIKE 'KILLED-%'").pluck().get()).toBe(0);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    db.$client.close();

    const restarted = await start();
    const again = new Session(restarted.base);
    await again.signIn(OFFICER, DEMO_PASSWORD);
    const page = await again.fetch('/imports/history');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Import history');
  }, 180_000);
});
