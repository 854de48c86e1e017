import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { whenWritable } from '@/db/transaction';

// Two connections to one file, as the web server and its background process have.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-write-lock-'));
const server = openDatabase(path.join(dir, 'app.db'));
migrateDatabase(server);
const background = openDatabase(path.join(dir, 'app.db'));
afterAll(() => {
  server.$client.close();
  background.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insertTeam = (name: string) => () =>
  server.transaction(() => server.$client.prepare("INSERT INTO teams (name, sector, policy_pack_id, created_at) VALUES (?, 'law', 'law', 0)").run(name), { behavior: 'immediate' });
const teamNames = () => server.$client.prepare('SELECT name FROM teams ORDER BY id').pluck().all();

describe('whenWritable', () => {
  it('waits for another connection’s write without stopping the event loop, then writes', async () => {
    background.$client.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    setTimeout(() => background.$client.exec('COMMIT'), 100);
    const started = performance.now();
    await whenWritable(server, insertTeam('Written after the wait'));
    clearInterval(ticker);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    // The timers kept firing during the wait: SQLite's own busy timeout would have blocked them.
    expect(ticks).toBeGreaterThan(5);
    expect(teamNames()).toContain('Written after the wait');
    expect(server.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('fails as the busy timeout would once the other write outlasts the wait, having written nothing', async () => {
    background.$client.exec('BEGIN IMMEDIATE');
    try {
      await expect(whenWritable(server, insertTeam('Never written'), { waitMs: 50 })).rejects.toThrow(/locked/);
    } finally {
      background.$client.exec('ROLLBACK');
    }
    expect(teamNames()).not.toContain('Never written');
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      whenWritable(server, () => {
        calls += 1;
        throw new Error('invalid input');
      }),
    ).rejects.toThrow('invalid input');
    expect(calls).toBe(1);
  });
});
