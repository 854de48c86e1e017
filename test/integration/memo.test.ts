import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { dataRevision, memoUntilChange } from '@/db/memo';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-memo-'));
const file = path.join(dir, 'memo.db');
const db = openDatabase(file);
migrateDatabase(db);
const other = openDatabase(file);
afterAll(() => {
  db.$client.close();
  other.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const addTeam = (handle: typeof db, name: string) =>
  handle.$client.prepare("INSERT INTO teams (name, sector, policy_pack_id) VALUES (?, 'law', 'law')").run(name);
const countTeams = () => (db.$client.prepare('SELECT count(*) AS n FROM teams').get() as { n: number }).n;

describe('memoUntilChange', () => {
  it('computes once while nothing is written, and per key', () => {
    let calls = 0;
    const compute = () => ((calls += 1), countTeams());
    expect(memoUntilChange(db, 'teams', compute)).toBe(0);
    expect(memoUntilChange(db, 'teams', compute)).toBe(0);
    expect(calls).toBe(1);
    memoUntilChange(db, 'teams-again', compute);
    expect(calls).toBe(2);
  });

  it('recomputes after a write through the same connection', () => {
    memoUntilChange(db, 'count', countTeams);
    addTeam(db, 'Litigation');
    expect(memoUntilChange(db, 'count', countTeams)).toBe(1);
  });

  it('recomputes after a commit by another connection (another process, a CLI import)', () => {
    const before = memoUntilChange(db, 'count', countTeams);
    addTeam(other, 'Advisory');
    expect(memoUntilChange(db, 'count', countTeams)).toBe(before + 1);
  });

  it('does not keep a result computed across a write', () => {
    let calls = 0;
    memoUntilChange(db, 'racing', () => {
      calls += 1;
      addTeam(db, `Racing ${calls}`);
      return calls;
    });
    memoUntilChange(db, 'racing', () => (calls += 1));
    expect(calls).toBe(2);
  });

  it('leaves the revision alone on reads', () => {
    const revision = dataRevision(db);
    countTeams();
    expect(dataRevision(db)).toBe(revision);
  });
});
