import { describe, expect, it } from 'vitest';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import { ensureSnapshotsReach, firstSnapshotDay, markSnapshotsStale, refreshSnapshots } from '@/db/snapshots';
import { scoreDay } from '@/lib/scoring/day';
import { snapshotInstant } from '@/lib/scoring/snapshots';
import { MS_PER_DAY, parseDayKey } from '@/lib/time';
import { TEST_AS_OF, createSeededDatabase } from '../helpers/database';

type Db = ReturnType<typeof createSeededDatabase>;
const rows = (db: Db) => ({
  teams: db.$client.prepare('SELECT * FROM team_score_snapshots ORDER BY team_id, day').all(),
  organisation: db.$client.prepare('SELECT * FROM org_score_snapshots ORDER BY day').all(),
});

/** Figures of one group as the snapshot tables store them. */
function stored(g: ReturnType<typeof scoreDay>['organisation']) {
  return {
    score: g.score, band: g.band, members: g.members, high_risk: g.highRiskCount, attestations_due: g.attestationsDue,
    attestations_done: g.attestationsDone, open_exceptions: g.openExceptions, rule_fail_counts: g.ruleFailCounts,
  };
}

/** A compliant finance member's phone gains WhatsApp with business use, cloud backup and no capture, `daysAgo` days before TEST_AS_OF; returns when. */
function addWhatsAppWithBackup(db: Db, daysAgo: number): number {
  const sqlite = db.$client;
  const changedAt = TEST_AS_OF.getTime() - daysAgo * MS_PER_DAY;
  const version = sqlite.prepare(
    `SELECT v.* FROM device_versions v JOIN devices d ON d.id = v.device_id JOIN team_members m ON m.user_id = d.owner_id
     JOIN teams t ON t.id = m.team_id WHERE v.valid_to IS NULL AND v.kind = 'phone' AND t.sector = 'finance' AND m.left_at IS NULL
     AND v.valid_from < ? ORDER BY v.id LIMIT 1`,
  ).get(changedAt) as Record<string, unknown>;
  sqlite.prepare('UPDATE device_versions SET valid_to = ? WHERE id = ?').run(changedAt, version.id);
  const { id: _id, valid_from: _from, valid_to: _to, ...rest } = version;
  const columns = Object.keys(rest);
  const inserted = sqlite.prepare(`INSERT INTO device_versions (valid_from, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`).run(changedAt, ...Object.values(rest));
  sqlite.prepare(
    `INSERT INTO device_apps (device_version_id, app, business_use, cloud_backup, disappearing_messages, capture_enabled, contact_upload)
     VALUES (?, 'whatsapp', 1, 1, 0, 0, 1)`,
  ).run(inserted.lastInsertRowid);
  return changedAt;
}

describe('daily score snapshots', () => {
  const db = createSeededDatabase();
  const first = firstSnapshotDay(db)!;
  const result = refreshSnapshots(db, { from: first, to: TEST_AS_OF })!;
  const full = rows(db);

  it('cover every day from the first campaign to today, for every team', () => {
    const teams = (db.$client.prepare('SELECT count(*) AS n FROM teams').get() as { n: number }).n;
    expect(result.days).toBe(Math.floor(TEST_AS_OF.getTime() / MS_PER_DAY) - Math.floor(first.getTime() / MS_PER_DAY) + 1);
    expect(full.organisation).toHaveLength(result.days);
    expect(full.teams).toHaveLength(result.days * teams);
  });

  it('equal scoring every person on every day (the brute force), from the database rows', () => {
    const history = loadEvidenceHistory(db, { from: first, to: TEST_AS_OF });
    const byDay = new Map(full.organisation.map((r) => [(r as { day: string }).day, r as Record<string, unknown>]));
    const teamRows = full.teams as Record<string, unknown>[];
    for (const [day, row] of byDay) {
      const scores = scoreDay(history, snapshotInstant(Math.floor(parseDayKey(day).getTime() / MS_PER_DAY), TEST_AS_OF));
      expect({ ...row, rule_fail_counts: JSON.parse(row.rule_fail_counts as string) }, day).toEqual({ day, ...stored(scores.organisation) });
      for (const [teamId, group] of scores.teams) {
        const teamRow = teamRows.find((r) => r.team_id === teamId && r.day === day)!;
        expect({ ...teamRow, rule_fail_counts: JSON.parse(teamRow.rule_fail_counts as string) }, `${day} team ${teamId}`).toEqual({ team_id: teamId, day, ...stored(group) });
      }
    }
    expect(result.evaluations).toBeLessThan(history.memberships.length * result.days / 5);
  });

  it('are idempotent, and a partial refresh gives the same rows as the full rebuild', () => {
    refreshSnapshots(db, { from: first, to: TEST_AS_OF });
    expect(rows(db)).toEqual(full);
    refreshSnapshots(db, { from: new Date(TEST_AS_OF.getTime() - 100 * MS_PER_DAY), to: TEST_AS_OF });
    expect(rows(db)).toEqual(full);
  });

  it('change from the day the evidence changes, and not before', () => {
    const fresh = createSeededDatabase();
    const start = firstSnapshotDay(fresh)!;
    refreshSnapshots(fresh, { from: start, to: TEST_AS_OF });
    const before = rows(fresh).organisation as { day: string; score: number }[];
    const changedAt = addWhatsAppWithBackup(fresh, 30);

    refreshSnapshots(fresh, { from: new Date(changedAt), to: TEST_AS_OF });
    const after = rows(fresh).organisation as { day: string; score: number }[];
    const changedDay = new Date(changedAt).toISOString().slice(0, 10);
    const index = after.findIndex((r) => r.day === changedDay);
    expect(after.slice(0, index)).toEqual(before.slice(0, index));
    expect(after[index]!.score).toBeLessThan(before[index]!.score);
  });

  it('are recomputed from the earliest change marked stale when next read, and only then', () => {
    const fresh = createSeededDatabase();
    refreshSnapshots(fresh, { from: firstSnapshotDay(fresh)!, to: TEST_AS_OF });
    const before = rows(fresh);
    const earliest = addWhatsAppWithBackup(fresh, 40);
    addWhatsAppWithBackup(fresh, 10);
    expect(ensureSnapshotsReach(fresh, TEST_AS_OF)).toBe(false);
    expect(rows(fresh)).toEqual(before);

    markSnapshotsStale(fresh, new Date(TEST_AS_OF.getTime() - 10 * MS_PER_DAY));
    markSnapshotsStale(fresh, new Date(earliest));
    expect(ensureSnapshotsReach(fresh, TEST_AS_OF)).toBe(true);
    const recomputed = rows(fresh);
    expect(recomputed).not.toEqual(before);
    refreshSnapshots(fresh, { from: firstSnapshotDay(fresh)!, to: TEST_AS_OF });
    expect(rows(fresh)).toEqual(recomputed);
    expect(ensureSnapshotsReach(fresh, TEST_AS_OF)).toBe(false);
  });
});
