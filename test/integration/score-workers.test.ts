import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import { refreshSnapshotsInParallel, scoreOrganisationInParallel } from '@/db/score-workers';
import { firstSnapshotDay, refreshSnapshots } from '@/db/snapshots';
import { seedDatabase } from '@/db/seed/seed';
import { scoreDay } from '@/lib/scoring/day';
import { TEST_AS_OF, TEST_PASSWORD_HASH } from '../helpers/database';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-workers-'));
const file = path.join(dir, 'app.db');
const db = openDatabase(file);
migrateDatabase(db);
seedDatabase(db.$client, { size: 'small', asOf: TEST_AS_OF, passwordHash: TEST_PASSWORD_HASH });
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rows = () => ({
  teams: db.$client.prepare('SELECT * FROM team_score_snapshots ORDER BY team_id, day').all(),
  organisation: db.$client.prepare('SELECT * FROM org_score_snapshots ORDER BY day').all(),
});

describe('scoring across worker threads', () => {
  it('gives the same organisation and team figures as scoring everyone in one thread', async () => {
    const single = scoreDay(loadEvidenceHistory(db, { from: TEST_AS_OF, to: TEST_AS_OF }), TEST_AS_OF);
    for (const count of [2, 3]) {
      const parallel = await scoreOrganisationInParallel(file, TEST_AS_OF, count);
      expect(parallel.people).toBe(single.members.length);
      expect(parallel.organisation).toEqual(single.organisation);
      expect(parallel.teams).toEqual(single.teams);
    }
  }, 60_000);

  it('rebuilds the same daily snapshots as the single-threaded rebuild', async () => {
    const range = { from: firstSnapshotDay(db)!, to: TEST_AS_OF };
    refreshSnapshots(db, range);
    const expected = rows();
    db.$client.exec('DELETE FROM team_score_snapshots; DELETE FROM org_score_snapshots;');
    const result = await refreshSnapshotsInParallel(db, file, range, undefined, 2);
    expect(result?.days).toBe(expected.organisation.length);
    expect(rows()).toEqual(expected);
  }, 60_000);
});
