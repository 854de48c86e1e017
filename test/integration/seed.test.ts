import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, attestationHash } from '@/lib/audit/hash';
import { getPack } from '@/lib/policy';
import { DEMO_ACCOUNTS } from '@/db/seed/seed';
import { createSeededDatabase } from '../helpers/database';

const TABLES = ['users', 'teams', 'team_members', 'team_managers', 'devices', 'device_versions', 'device_apps', 'campaigns', 'attestations', 'exceptions', 'policy_settings', 'audit_log'];

function dump(sqlite: ReturnType<typeof createSeededDatabase>['$client']) {
  return Object.fromEntries(TABLES.map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

describe('demo seed', () => {
  const demo = createSeededDatabase('demo').$client;
  const count = (sql: string, ...params: unknown[]) => (demo.prepare(sql).get(...params) as { n: number }).n;

  it('is deterministic: the same options write the same rows', () => {
    const again = createSeededDatabase('demo').$client;
    expect(dump(again)).toEqual(dump(demo));
  });

  it('has the size of a realistic organisation', () => {
    expect(count('SELECT count(*) AS n FROM teams')).toBe(12);
    expect(count("SELECT count(DISTINCT sector) AS n FROM teams")).toBe(3);
    expect(count("SELECT count(*) AS n FROM users WHERE role IN ('staff', 'manager')")).toBeGreaterThanOrEqual(270);
    expect(count("SELECT count(*) AS n FROM users WHERE role = 'officer'")).toBe(2);
    expect(count("SELECT count(*) AS n FROM users WHERE role = 'admin'")).toBe(1);
    expect(count('SELECT count(*) AS n FROM devices')).toBeGreaterThanOrEqual(450);
    expect(count('SELECT count(*) AS n FROM devices')).toBeLessThanOrEqual(600);
    expect(count('SELECT count(*) AS n FROM campaigns')).toBe(6);
    expect(count('SELECT count(DISTINCT app) AS n FROM device_apps')).toBe(9);
    expect(count("SELECT count(DISTINCT kind) AS n FROM device_versions WHERE kind IN ('phone', 'laptop')")).toBe(2);
    expect(count("SELECT count(DISTINCT ownership) AS n FROM device_versions")).toBe(2);
  });

  it('creates each demo account with its role, and a manager for every team', () => {
    for (const account of DEMO_ACCOUNTS) {
      expect(demo.prepare('SELECT role, active FROM users WHERE email = ?').get(account.email)).toEqual({ role: account.role, active: 1 });
    }
    expect(count('SELECT count(*) AS n FROM teams WHERE id NOT IN (SELECT team_id FROM team_managers)')).toBe(0);
    expect(
      count(
        `SELECT count(*) AS n FROM team_managers tm WHERE NOT EXISTS (SELECT 1 FROM team_members m
         WHERE m.team_id = tm.team_id AND m.user_id = tm.user_id)`,
      ),
    ).toBe(0);
    expect(count("SELECT count(*) AS n FROM team_managers tm JOIN users u ON u.id = tm.user_id WHERE u.email = 'manager@northbridge.example'")).toBe(2);
  });

  it('completes campaigns unevenly across teams', () => {
    const latest = demo.prepare('SELECT id FROM campaigns ORDER BY opens_at DESC LIMIT 1').get() as { id: number };
    const rates = demo
      .prepare(
        `SELECT t.id, 1.0 * count(DISTINCT a.user_id) / count(DISTINCT m.user_id) AS rate FROM teams t
         JOIN team_members m ON m.team_id = t.id AND m.left_at IS NULL
         LEFT JOIN attestations a ON a.user_id = m.user_id AND a.campaign_id = ? GROUP BY t.id`,
      )
      .all(latest.id) as { rate: number }[];
    const values = rates.map((r) => r.rate);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.2);
    expect(Math.max(...values)).toBeLessThan(1.0001);
  });

  it('keeps about 18 months of device history with contiguous, non-overlapping versions', () => {
    const span = demo.prepare('SELECT min(valid_from) AS first, max(valid_from) AS last FROM device_versions').get() as { first: number; last: number };
    expect((span.last - span.first) / 86_400_000).toBeGreaterThan(500);
    const gaps = count(
      `SELECT count(*) AS n FROM device_versions v JOIN device_versions next ON next.device_id = v.device_id
       AND next.valid_from = (SELECT min(valid_from) FROM device_versions x WHERE x.device_id = v.device_id AND x.valid_from > v.valid_from)
       WHERE v.valid_to IS NULL OR v.valid_to != next.valid_from`,
    );
    expect(gaps).toBe(0);
    expect(count('SELECT count(*) AS n FROM devices d WHERE d.retired_at IS NULL AND (SELECT count(*) FROM device_versions v WHERE v.device_id = d.id AND v.valid_to IS NULL) != 1')).toBe(0);
  });

  it('chains attestation hashes in id order, and answers only questions of the pack version', () => {
    const rows = demo.prepare('SELECT * FROM attestations ORDER BY id').all() as Record<string, unknown>[];
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      const answers = JSON.parse(row.answers as string) as Record<string, unknown>;
      const expected = attestationHash(prev, {
        userId: row.user_id as number,
        campaignId: row.campaign_id as number,
        packId: row.pack_id as string,
        packVersion: row.pack_version as string,
        answers,
        signatureName: row.signature_name as string,
        submittedAt: new Date(row.submitted_at as number),
        supersedesId: (row.supersedes_id as number | null) ?? null,
      });
      expect(row.content_hash).toBe(expected);
      const questionIds = new Set(getPack(row.pack_id as 'law').questions.map((q) => q.id));
      for (const id of Object.keys(answers)) expect(questionIds.has(id)).toBe(true);
      prev = expected;
    }
  });
});
