import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { openDatabase } from '@/db/connection';
import { refreshSnapshots } from '@/db/snapshots';
import { MS_PER_DAY } from '@/lib/time';
import { TEST_AS_OF } from '../helpers/database';

// The app's database is a file here, as in the server: figures are recomputed and imports applied by the background process.
const file = vi.hoisted(() => `${process.env.TMPDIR ?? '/tmp'}/onchannel-refresh-${process.pid}-${Date.now()}.db`);
vi.mock('@/db', async () => {
  const { openDatabase: open, migrateDatabase: migrate } = await import('@/db/connection');
  const { seedDatabase: seed } = await import('@/db/seed/seed');
  const { TEST_AS_OF: asOf, TEST_PASSWORD_HASH: hash } = await import('../helpers/database');
  const db = open(file);
  migrate(db);
  seed(db.$client, { size: 'small', asOf, passwordHash: hash });
  return { db };
});

vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { ensureScoresCurrent, markScoresStale } = await import('@/db/snapshot-refresh');
const { getSessionUser } = await import('@/lib/auth/guards');
const { importDevices } = await import('@/lib/actions/imports');

afterAll(() => {
  db.$client.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
});

const organisationRows = () => db.$client.prepare('SELECT day, score, high_risk, rule_fail_counts FROM org_score_snapshots ORDER BY day').all();
const teamRows = () => db.$client.prepare('SELECT team_id, day, score, rule_fail_counts FROM team_score_snapshots ORDER BY team_id, day').all();

/** The figures as recomputing [from, TEST_AS_OF] in this process gives them, on a copy of the database. */
function recomputedHere(from: Date) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-refresh-copy-'));
  const copy = path.join(dir, 'copy.db');
  db.$client.exec(`VACUUM INTO '${copy}'`);
  const other = openDatabase(copy);
  refreshSnapshots(other, { from, to: TEST_AS_OF });
  const rows = {
    organisation: other.$client.prepare('SELECT day, score, high_risk, rule_fail_counts FROM org_score_snapshots ORDER BY day').all(),
    teams: other.$client.prepare('SELECT team_id, day, score, rule_fail_counts FROM team_score_snapshots ORDER BY team_id, day').all(),
  };
  other.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rows;
}

describe('recomputing the daily figures off the event loop', () => {
  it('brings the figures up to date in the child process, as recomputing here would', async () => {
    const errors = vi.spyOn(console, 'error');
    const from = new Date(TEST_AS_OF.getTime() - 20 * MS_PER_DAY);
    // Business WhatsApp use without capture: rules fail from the first day of those devices' history.
    db.$client.exec("UPDATE device_apps SET business_use = 1, capture_enabled = 0 WHERE app = 'whatsapp'");
    const before = organisationRows();
    markScoresStale(from);
    await ensureScoresCurrent(TEST_AS_OF);
    expect(organisationRows()).not.toEqual(before);
    expect({ organisation: organisationRows(), teams: teamRows() }).toEqual(recomputedHere(from));
    expect(errors).not.toHaveBeenCalled();
  });

  it('makes a page asked for during a recomputation wait for one that covers the changes made before it', async () => {
    const from = new Date(TEST_AS_OF.getTime() - 3 * MS_PER_DAY);
    markScoresStale(from);
    const first = ensureScoresCurrent(TEST_AS_OF);
    db.$client.exec("UPDATE device_apps SET capture_enabled = 1 WHERE app = 'whatsapp'");
    markScoresStale(from);
    const second = ensureScoresCurrent(TEST_AS_OF);
    await Promise.all([first, second]);
    expect({ organisation: organisationRows(), teams: teamRows() }).toEqual(recomputedHere(from));
  });

  it('does nothing when nothing changed since the last recomputation', async () => {
    const rows = organisationRows();
    db.$client.exec('UPDATE org_score_snapshots SET score = -1 WHERE day = (SELECT max(day) FROM org_score_snapshots)');
    await ensureScoresCurrent(TEST_AS_OF);
    expect(organisationRows()).not.toEqual(rows);
  });
});


describe('device imports off the event loop', () => {
  const officer = db.$client.prepare("SELECT id, email, name, role FROM users WHERE role = 'officer' LIMIT 1").get() as { id: number; email: string; name: string; role: 'officer' };
  const temporaryUploads = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('onchannel-import-'));
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    data.append('file', new File([fs.readFileSync(path.join('test/fixtures/imports', 'jamf-mobile-devices.csv'))], 'jamf.csv', { type: 'text/csv' }));
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  };

  it('previews and applies a file in the background process, chained into the audit log, leaving no upload behind', async () => {
    const errors = vi.spyOn(console, 'error');
    vi.mocked(getSessionUser).mockResolvedValue({ ...officer, memberTeamIds: [], managedTeamIds: [] });
    const uploadsBefore = temporaryUploads();
    const devicesBefore = db.$client.prepare('SELECT count(*) FROM devices').pluck().get() as number;
    const preview = await importDevices(null, form({ intent: 'preview' }));
    expect(preview).toMatchObject({ ok: true, stage: 'preview', outcome: { format: 'jamf_mobile', created: 2, rejected: 1, importId: 0 } });
    expect(db.$client.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(devicesBefore);
    if (!preview?.ok) return;
    const applied = await importDevices(null, form({ intent: 'confirm', previewedSha256: preview.outcome.fileSha256 }));
    expect(applied).toMatchObject({ ok: true, stage: 'applied', outcome: { created: 2, rejected: 1, importId: expect.any(Number) } });
    if (!applied?.ok) return;
    // Written by the other process on the same file: read here.
    expect(db.$client.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(devicesBefore + 2);
    expect(db.$client.prepare('SELECT actor_id, rows_accepted FROM imports WHERE id = ?').get(applied.outcome.importId)).toEqual({ actor_id: officer.id, rows_accepted: 2 });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    expect(temporaryUploads()).toEqual(uploadsBefore);
    // Nothing fell back to this process.
    expect(errors).not.toHaveBeenCalled();
  });
});
