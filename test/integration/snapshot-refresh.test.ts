import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '@/db/connection';
import { refreshSnapshots } from '@/db/snapshots';
import { MS_PER_DAY } from '@/lib/time';
import { TEST_AS_OF } from '../helpers/database';

// The app's database is a file here, as in the server: the figures are recomputed by the child process.
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

const { db } = await import('@/db');
const { ensureScoresCurrent, markScoresStale } = await import('@/db/snapshot-refresh');

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

