import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { createSeededDatabase, createTestDatabase } from '../helpers/database';

describe('migrations', () => {
  it('create every table of the domain', () => {
    const db = createTestDatabase();
    const tables = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
      .all()
      .map((row) => (row as { name: string }).name)
      .sort();
    expect(tables).toEqual([
      'api_tokens', 'attestation_drafts', 'attestations', 'audit_log', 'campaign_teams', 'campaigns', 'device_apps', 'device_versions', 'devices',
      'exceptions', 'imports', 'org_score_snapshots', 'organisation', 'personal_keys', 'policy_settings', 'reminders', 'team_managers', 'team_members',
      'team_score_snapshots', 'teams', 'users',
    ]);
  });

  it('index every foreign key (as the leading column of some index)', () => {
    const sqlite = createTestDatabase().$client;
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    const unindexed: string[] = [];
    for (const { name } of tables) {
      const foreignKeys = sqlite.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { from: string }[];
      const leading = new Set<string>();
      for (const index of sqlite.prepare(`PRAGMA index_list("${name}")`).all() as { name: string }[]) {
        const first = (sqlite.prepare(`PRAGMA index_info("${index.name}")`).all() as { seqno: number; name: string }[]).find((c) => c.seqno === 0);
        if (first) leading.add(first.name);
      }
      // An INTEGER PRIMARY KEY is the rowid itself: the table's own order, no separate index.
      const keyColumns = (sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; pk: number }[]).filter((c) => c.pk > 0);
      if (keyColumns.length === 1 && keyColumns[0]!.type.toUpperCase() === 'INTEGER') leading.add(keyColumns[0]!.name);
      for (const fk of foreignKeys) if (!leading.has(fk.from)) unindexed.push(`${name}.${fk.from}`);
    }
    expect(unindexed).toEqual([]);
  });

  it('are idempotent', () => {
    const db = createTestDatabase();
    expect(() => migrateDatabase(db)).not.toThrow();
  });

  it('open files in WAL mode with foreign keys and a busy timeout', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-schema-'));
    const db = openDatabase(path.join(dir, 'nested', 'x.db'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.$client.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('enforce foreign keys', () => {
    const sqlite = createTestDatabase().$client;
    expect(() => sqlite.prepare('INSERT INTO team_members (team_id, user_id, joined_at) VALUES (999, 999, 0)').run()).toThrow(/FOREIGN KEY/);
  });
});

describe('append-only records', () => {
  const sqlite = createSeededDatabase().$client;

  it.each([
    ['UPDATE attestations SET signature_name = ? WHERE id = 1', ['Forged'], /append-only/],
    ['DELETE FROM attestations WHERE id = 1', [], /append-only/],
    ['UPDATE audit_log SET action = ? WHERE id = 1', ['edited'], /append-only/],
    ['DELETE FROM audit_log', [], /append-only/],
  ])('%s is refused by the database', (statement, params, error) => {
    const before = sqlite.prepare('SELECT count(*) AS n, max(signature_name) AS s FROM attestations').get();
    expect(() => sqlite.prepare(statement).run(...params)).toThrow(error);
    expect(sqlite.prepare('SELECT count(*) AS n, max(signature_name) AS s FROM attestations').get()).toEqual(before);
  });

  it('still accept new rows', () => {
    const row = sqlite.prepare('SELECT * FROM attestations WHERE id = 1').get() as Record<string, unknown>;
    const result = sqlite
      .prepare(
        `INSERT INTO attestations (user_id, campaign_id, pack_id, pack_version, answers, question_texts, signature_name,
          submitted_at, supersedes_id, content_hash, prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.user_id, row.campaign_id, row.pack_id, row.pack_version, row.answers, row.question_texts, row.signature_name,
        Date.now(), row.id, 'f'.repeat(64), row.content_hash);
    expect(result.changes).toBe(1);
  });
});

describe("a device version's apps column", () => {
  const db = createSeededDatabase();
  const sqlite = db.$client;
  /** Versions whose `apps` differ from their device_apps rows, aggregated as migration 0006 backfills them. */
  const outOfStep = () =>
    sqlite
      .prepare(
        `SELECT v.id FROM device_versions v WHERE v.apps != (
           SELECT json_group_array(json_array(a.app, a.app_version, a.business_use, a.cloud_backup, a.disappearing_messages, a.capture_enabled, a.contact_upload, a.last_capture_sync_at))
           FROM (SELECT * FROM device_apps WHERE device_version_id = v.id ORDER BY id) a)`,
      )
      .pluck()
      .all();
  const someVersion = () => sqlite.prepare('SELECT device_version_id FROM device_apps GROUP BY device_version_id HAVING count(*) >= 2 LIMIT 1').pluck().get() as number;

  it('holds every version’s apps after seeding, in insertion order', () => {
    expect(sqlite.prepare("SELECT count(*) FROM device_versions WHERE apps != '[]'").pluck().get()).toBeGreaterThan(0);
    expect(outOfStep()).toEqual([]);
  });

  it('follows inserts, updates and deletes of device_apps, whoever makes them', () => {
    const version = someVersion();
    sqlite.prepare("INSERT INTO device_apps (device_version_id, app, app_version, business_use, cloud_backup, disappearing_messages, capture_enabled, contact_upload, last_capture_sync_at) VALUES (?, 'signal', '7.1', 1, 1, 0, 0, 1, 1795443164462)").run(version);
    expect(JSON.parse(sqlite.prepare('SELECT apps FROM device_versions WHERE id = ?').pluck().get(version) as string).at(-1)).toEqual(['signal', '7.1', 1, 1, 0, 0, 1, 1795443164462]);
    sqlite.prepare("UPDATE device_apps SET cloud_backup = 0 WHERE device_version_id = ? AND app = 'signal'").run(version);
    sqlite.prepare('DELETE FROM device_apps WHERE id = (SELECT min(id) FROM device_apps WHERE device_version_id = ?)').run(version);
    // Moved to another version: both lists change.
    const other = sqlite.prepare('SELECT id FROM device_versions WHERE id != ? LIMIT 1').pluck().get(version) as number;
    sqlite.prepare("UPDATE device_apps SET device_version_id = ? WHERE device_version_id = ? AND app = 'signal'").run(other, version);
    expect(outOfStep()).toEqual([]);
    sqlite.prepare('DELETE FROM device_apps WHERE device_version_id = ?').run(version);
    expect(sqlite.prepare('SELECT apps FROM device_versions WHERE id = ?').pluck().get(version)).toBe('[]');
    expect(outOfStep()).toEqual([]);
  });
});
