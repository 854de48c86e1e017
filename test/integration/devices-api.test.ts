import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiToken, hashApiToken, revokeApiToken } from '@/db/commands/api-tokens';
import type { SessionUser } from '@/db/queries/users';

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { GET, POST } = await import('@/app/api/v1/devices/route');
const { createToken, revokeToken } = await import('@/lib/actions/api-tokens');

const sqlite = db.$client;
const person = (email: string): SessionUser => {
  const row = sqlite.prepare('SELECT id, email, name, role FROM users WHERE email = ?').get(email) as Pick<SessionUser, 'id' | 'email' | 'name' | 'role'>;
  return { ...row, memberTeamIds: [], managedTeamIds: [] };
};
const admin = person('admin@northbridge.example');
const token = (scopes: ('devices:read' | 'devices:write')[], expiresInDays = 30, now = new Date()) => {
  const result = createApiToken(db, admin, { name: `t-${scopes.join('+')}`, scopes, expiresInDays }, { now });
  if (!result.ok) throw new Error(result.error);
  return result;
};
const url = 'http://localhost/api/v1/devices';
const get = (auth?: string, query = '') => GET(new Request(`${url}${query}`, { headers: auth ? { authorization: auth } : {} }));
const post = (auth: string | undefined, body: unknown) =>
  POST(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) }));
const device = (overrides: Record<string, unknown> = {}) => ({
  ownerEmail: 'Staff@Northbridge.example', externalId: 'API-0001', model: 'iPhone 16', kind: 'phone', os: 'ios', osVersion: '18.1',
  mdmEnrolled: true, encrypted: true, passcode: true, lastSeenAt: '2026-11-22T08:00:00Z',
  apps: [{ app: 'whatsapp', cloudBackup: true }], ...overrides,
});
const deviceTables = () => Object.fromEntries(['devices', 'device_versions', 'device_apps', 'imports'].map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));

describe('tokens', () => {
  it('are stored only as a SHA-256 hash and a prefix', () => {
    const t = token(['devices:read']);
    const row = sqlite.prepare('SELECT token_hash, token_prefix FROM api_tokens WHERE id = ?').get(t.tokenId) as { token_hash: string; token_prefix: string };
    expect(row).toEqual({ token_hash: hashApiToken(t.token), token_prefix: t.token.slice(0, 12) });
    expect(JSON.stringify(sqlite.prepare('SELECT * FROM audit_log').all())).not.toContain(t.token);
  });
});

describe('authorisation', () => {
  const reader = token(['devices:read']);
  const writer = token(['devices:write']);
  const expired = token(['devices:read', 'devices:write'], 30, new Date(Date.now() - 31 * 86_400_000));
  const revoked = token(['devices:read', 'devices:write']);
  revokeApiToken(db, admin, { tokenId: revoked.tokenId });

  it.each([
    ['no header', undefined, 401],
    ['not a bearer', `Basic ${reader.token}`, 401],
    ['an unknown token', 'Bearer onc_nope', 401],
    ['a revoked token', `Bearer ${revoked.token}`, 401],
    ['an expired token', `Bearer ${expired.token}`, 401],
    ['a token without devices:read', `Bearer ${writer.token}`, 403],
  ])('GET refuses %s', async (_name, auth, status) => {
    const response = await get(auth);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it.each([
    ['no header', undefined, 401],
    ['a revoked token', `Bearer ${revoked.token}`, 401],
    ['an expired token', `Bearer ${expired.token}`, 401],
    ['a token without devices:write', `Bearer ${reader.token}`, 403],
  ])('POST refuses %s and writes nothing', async (_name, auth, status) => {
    const before = deviceTables();
    expect((await post(auth, { devices: [device()] })).status).toBe(status);
    expect(deviceTables()).toEqual(before);
  });

  it('records the last use of a good token', async () => {
    expect((sqlite.prepare('SELECT last_used_at FROM api_tokens WHERE id = ?').get(reader.tokenId) as { last_used_at: number | null }).last_used_at).toBeNull();
    expect((await get(`Bearer ${reader.token}`)).status).toBe(200);
    expect((sqlite.prepare('SELECT last_used_at FROM api_tokens WHERE id = ?').get(reader.tokenId) as { last_used_at: number }).last_used_at).toBeGreaterThan(0);
  });
});

describe('POST /api/v1/devices', () => {
  const writer = token(['devices:write', 'devices:read']);
  const auth = `Bearer ${writer.token}`;

  it('upserts through the import core, idempotently', async () => {
    const first = await post(auth, { devices: [device(), device({ externalId: 'API-0002', ownerEmail: 'nobody@northbridge.example' })] });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ created: 1, updated: 0, unchanged: 0, rejected: 1, errors: [{ row: 2, column: 'owner' }] });
    const before = sqlite.prepare('SELECT count(*) AS n FROM device_versions').get();
    expect(await (await post(auth, { devices: [device()] })).json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM device_versions').get()).toEqual(before);
    expect(await (await post(auth, { devices: [device({ osVersion: '18.2' })] })).json()).toMatchObject({ updated: 1 });
    const imported = sqlite.prepare("SELECT format, actor_id FROM imports ORDER BY id DESC LIMIT 1").get();
    expect(imported).toEqual({ format: 'api', actor_id: admin.id });
  });

  it('applies a device sent twice in one batch in order: created, then updated or unchanged', async () => {
    const twice = [device({ externalId: 'API-TWICE' }), device({ externalId: 'API-TWICE', osVersion: '18.3' }), device({ externalId: 'API-TWICE', osVersion: '18.3' })];
    expect(await (await post(auth, { devices: twice })).json()).toMatchObject({ created: 1, updated: 1, unchanged: 1, rejected: 0 });
    const versions = sqlite.prepare("SELECT v.os_version, v.valid_to IS NULL AS current FROM device_versions v JOIN devices d ON d.id = v.device_id WHERE d.external_id = 'API-TWICE' ORDER BY v.id").all();
    expect(versions).toEqual([{ os_version: '18.1', current: 0 }, { os_version: '18.3', current: 1 }]);
  });

  it('lists devices in service for devices:read, with a cursor', async () => {
    const response = await get(auth, '?limit=2');
    const body = (await response.json()) as { devices: { id: number }[]; next: number | null };
    expect(body.devices).toHaveLength(2);
    expect(body.next).toBe(body.devices[1]!.id);
    const all = (await (await get(auth, '?limit=1000')).json()) as { devices: { externalId: string | null; apps: unknown[]; ownerEmail: string }[] };
    expect(all.devices.find((d) => d.externalId === 'API-0001')).toMatchObject({ ownerEmail: 'staff@northbridge.example', osVersion: '18.2', apps: [{ app: 'whatsapp', cloudBackup: true }] });
    expect((await get(auth, '?limit=0')).status).toBe(400);
  });

  it('names the query parameters it does not accept, one with no name included', async () => {
    const response = await get(auth, '?limit=2&colour=red&=%3Cb%3E');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'The request is not valid.', issues: [{ path: '', message: 'Not accepted here: "colour", a parameter with no name.' }] });
  });

  it.each([
    ['not JSON', '{devices:', 400],
    ['no devices', { devices: [] }, 400],
    ['an unknown field', { devices: [device({ imei: '123' })] }, 400],
    ['a bad e-mail', { devices: [device({ ownerEmail: 'not-mail' })] }, 400],
    ['an unknown OS', { devices: [device({ os: 'symbian' })] }, 400],
    ['a non-messaging app', { devices: [device({ apps: [{ app: 'calculator' }] })] }, 400],
    ['too many devices', { devices: Array.from({ length: 501 }, (_, i) => device({ externalId: `B-${i}` })) }, 400],
    ['only unmatched owners', { devices: [device({ ownerEmail: 'ghost@northbridge.example', externalId: 'G-1' })] }, 422],
  ])('refuses %s and writes nothing', async (_name, body, status) => {
    const before = deviceTables();
    const response = await post(auth, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: expect.any(String) });
    expect(deviceTables()).toEqual(before);
  });
});

describe('token actions', () => {
  const session = vi.mocked(getSessionUser);
  beforeEach(() => session.mockReset());
  const form = (fields: [string, string][]) => {
    const data = new FormData();
    for (const [k, v] of fields) data.append(k, v);
    return data;
  };
  const valid: [string, string][] = [['name', 'Intune sync'], ['scopes', 'devices:write'], ['expiresInDays', '90']];

  it.each([['signed out', null], ['staff', 'staff@northbridge.example'], ['an officer', 'officer@northbridge.example'], ['a manager', 'manager@northbridge.example']])(
    'refuse %s', async (_name, email) => {
      session.mockResolvedValue(email ? person(email) : null);
      const count = sqlite.prepare('SELECT count(*) AS n FROM api_tokens').get();
      expect(await createToken(null, form(valid))).toEqual({ ok: false, error: 'You do not have access to this.' });
      expect(await revokeToken(null, form([['tokenId', '1']]))).toEqual({ ok: false, error: 'You do not have access to this.' });
      expect(sqlite.prepare('SELECT count(*) AS n FROM api_tokens').get()).toEqual(count);
    },
  );

  it('create (shown once) and revoke for an administrator, audited', async () => {
    session.mockResolvedValue(admin);
    const created = await createToken(null, form(valid));
    expect(created).toMatchObject({ ok: true, token: expect.stringMatching(/^onc_/) });
    expect(await createToken(null, form([['name', ''], ['expiresInDays', '7']]))).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)], scopes: [expect.any(String)], expiresInDays: [expect.any(String)] } });
    const id = (sqlite.prepare('SELECT id FROM api_tokens ORDER BY id DESC LIMIT 1').get() as { id: number }).id;
    expect(await revokeToken(null, form([['tokenId', String(id)]]))).toMatchObject({ ok: true });
    expect(await revokeToken(null, form([['tokenId', String(id)]]))).toMatchObject({ ok: false });
    const actions = (sqlite.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 2').all() as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(['api_token.revoke', 'api_token.create']);
  });
});
