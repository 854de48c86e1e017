import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import { personBatches } from '@/db/score-batches';
import { refreshSnapshotsInParallel, scoreOrganisationInParallel, scoringWorkers } from '@/db/score-workers';
import { firstSnapshotDay, refreshSnapshots } from '@/db/snapshots';
import { seedDatabase } from '@/db/seed/seed';
import { scoreDay } from '@/lib/scoring/day';
import { buildDailySums, dailyFigures } from '@/lib/scoring/snapshots';
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

const people = () => (db.$client.prepare('SELECT count(*) FROM users').pluck().get() as number);
const rows = () => ({
  teams: db.$client.prepare('SELECT * FROM team_score_snapshots ORDER BY team_id, day').all(),
  organisation: db.$client.prepare('SELECT * FROM org_score_snapshots ORDER BY day').all(),
});

describe('scoring across worker threads, batch by batch', () => {
  it('has batches that cover every person once, in id order', () => {
    const people = db.$client.prepare('SELECT id FROM users ORDER BY id').pluck().all() as number[];
    const batches = personBatches(db, 7);
    expect(batches.reduce((sum, b) => sum + b.people, 0)).toBe(people.length);
    expect(batches.length).toBe(Math.ceil(people.length / 7));
    for (const [i, batch] of batches.entries()) {
      expect(people.filter((id) => id >= batch.first && id <= batch.last)).toHaveLength(batch.people);
      if (i > 0) expect(batch.first).toBeGreaterThan(batches[i - 1]!.last);
    }
  });

  it('gives the same organisation and team figures as scoring everyone at once in one thread', async () => {
    const single = scoreDay(loadEvidenceHistory(db, { from: TEST_AS_OF, to: TEST_AS_OF }), TEST_AS_OF);
    for (const [workers, peoplePerBatch] of [[1, 2_000], [2, 9], [3, 25]] as const) {
      const parallel = await scoreOrganisationInParallel(file, TEST_AS_OF, { workers, peoplePerBatch });
      expect(parallel.people).toBe(single.members.length);
      expect(parallel.organisation).toEqual(single.organisation);
      expect(parallel.teams).toEqual(single.teams);
    }
  }, 60_000);

  it('keeps its workers from one job to the next, and replaces one that ended', async () => {
    const first = await scoreOrganisationInParallel(file, TEST_AS_OF, { workers: 2, peoplePerBatch: 10 });
    const workers = scoringWorkers().slice(0, 2);
    expect(workers).toHaveLength(2);
    const again = await scoreOrganisationInParallel(file, TEST_AS_OF, { workers: 2, peoplePerBatch: 10 });
    expect(again).toEqual(first);
    expect(scoringWorkers().slice(0, 2)).toEqual(workers);

    await workers[0]!.terminate();
    expect(scoringWorkers()).not.toContain(workers[0]);
    expect(await scoreOrganisationInParallel(file, TEST_AS_OF, { workers: 2, peoplePerBatch: 10 })).toEqual(first);
    expect(scoringWorkers()).toContain(workers[1]);
  }, 60_000);

  it('fails a job whose worker fails, and runs the next one on fresh workers', async () => {
    const elsewhere = path.join(dir, 'not-a-database');
    fs.writeFileSync(elsewhere, 'this is not a SQLite file');
    // The pool reads the file the workers are given: here one that is not a database.
    await expect(refreshSnapshotsInParallel(db, elsewhere, { from: TEST_AS_OF, to: TEST_AS_OF }, { workers: 2, peoplePerBatch: 10 })).rejects.toThrow(/Scoring worker \d failed: SqliteError: file is not a database/);
    expect(scoringWorkers()).toHaveLength(0);
    const single = scoreDay(loadEvidenceHistory(db, { from: TEST_AS_OF, to: TEST_AS_OF }), TEST_AS_OF);
    expect((await scoreOrganisationInParallel(file, TEST_AS_OF, { workers: 2, peoplePerBatch: 10 })).organisation).toEqual(single.organisation);
  }, 60_000);

  it('rebuilds, in batches and across workers, the same daily snapshots as from one history of everyone', async () => {
    const range = { from: firstSnapshotDay(db)!, to: TEST_AS_OF };
    const expected = dailyFigures(buildDailySums(loadEvidenceHistory(db, range), range));
    refreshSnapshots(db, range, { peoplePerBatch: 2_000 });
    const whole = rows();
    expect(whole.organisation.map((r) => (r as { score: number }).score)).toEqual(expected.organisation.map((f) => f.score));

    const progress: number[] = [];
    refreshSnapshots(db, range, { peoplePerBatch: 11, onProgress: (done) => progress.push(done) });
    expect(rows()).toEqual(whole);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(people());

    db.$client.exec('DELETE FROM team_score_snapshots; DELETE FROM org_score_snapshots;');
    const result = await refreshSnapshotsInParallel(db, file, range, { workers: 2, peoplePerBatch: 13 });
    expect(result?.days).toBe(whole.organisation.length);
    expect(rows()).toEqual(whole);
  }, 60_000);
});
