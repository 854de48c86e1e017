import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seedFile } from '@/db/seed/index';
import { TEST_AS_OF } from '../helpers/database';

describe('seeding a database file', () => {
  it('seeds a new file once, leaves it alone on the next start, and starts afresh on reset', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-seed-'));
    const file = path.join(dir, 'app.db');
    const options = { size: 'small' as const, asOf: TEST_AS_OF };
    expect(seedFile(file, { ...options, reset: false })).toBe(true);

    const marker = new Database(file);
    marker.prepare("UPDATE organisation SET name = 'Renamed'").run();
    marker.close();
    expect(seedFile(file, { ...options, reset: false })).toBe(false);
    const name = () => {
      const conn = new Database(file, { readonly: true });
      const row = conn.prepare('SELECT name, (SELECT count(*) FROM organisation) AS n FROM organisation').get();
      conn.close();
      return row;
    };
    expect(name()).toEqual({ name: 'Renamed', n: 1 });

    expect(seedFile(file, { ...options, reset: true })).toBe(true);
    expect(name()).toEqual({ name: 'Northbridge Partners', n: 1 });
    fs.rmSync(dir, { recursive: true });
  });
});
