import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAuthSecret, resolveDatabasePath, sessionMaxAgeSeconds } from '@/lib/env';

describe('resolveDatabasePath', () => {
  it.each([
    [{}, path.resolve('data/onchannel.db')],
    [{ DATABASE_PATH: '/srv/onchannel.db' }, '/srv/onchannel.db'],
    [{ DATABASE_URL: 'file:/srv/x.db' }, '/srv/x.db'],
    [{ DATABASE_URL: 'rel/x.db' }, path.resolve('rel/x.db')],
    [{ DATABASE_PATH: '' }, path.resolve('data/onchannel.db')],
  ])('%j → %s', (env, expected) => {
    expect(resolveDatabasePath(env)).toBe(expected);
  });
});

describe('resolveAuthSecret', () => {
  it('prefers NEXTAUTH_SECRET', () => {
    expect(resolveAuthSecret({ NEXTAUTH_SECRET: 'from-env' })).toBe('from-env');
  });

  it('generates a secret beside the database once, then keeps it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-env-'));
    const env = { DATABASE_PATH: path.join(dir, 'db', 'x.db') };
    const first = resolveAuthSecret(env);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret(env)).toBe(first);
    expect(fs.statSync(path.join(dir, 'db', 'auth-secret')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('sessionMaxAgeSeconds', () => {
  it.each([
    [{}, 8 * 3600],
    [{ SESSION_MAX_AGE_MINUTES: '30' }, 1800],
    [{ SESSION_MAX_AGE_MINUTES: 'soon' }, 8 * 3600],
    [{ SESSION_MAX_AGE_MINUTES: '-5' }, 8 * 3600],
  ])('%j → %i s', (env, seconds) => {
    expect(sessionMaxAgeSeconds(env)).toBe(seconds);
  });
});
