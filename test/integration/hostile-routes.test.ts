import fs from 'node:fs';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '@/db/commands/api-tokens';
import type { Role } from '@/lib/auth/roles';
import { routeEndpoints } from '../helpers/app-surface';
import { TEST_AS_OF, sessionUserByEmail } from '../helpers/database';
import { NOISY_TABLES, databaseDigest } from '../helpers/digest';
import { PROTOTYPE_KEYS, hostileString, hostileValue } from '../helpers/hostile';

/**
 * Hostile requests to every route handler of the app (found from the code: a new route or method without a fuzz
 * case fails here), as a caller allowed to use it: hostile path segments, query strings (known parameters with
 * hostile values, prototype keys, arbitrary names, repeated names, raw malformed query text) and, for the JSON API,
 * hostile bodies. Never a 500: a 2xx, or a 4xx whose JSON error is a sentence and, for a 400, names the parameter
 * at fault; a refused request writes nothing. What the JSON API stores is exactly what was sent.
 */

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const sqlite = db.$client;
const session = vi.mocked(getSessionUser);
const users: Record<Role, ReturnType<typeof sessionUserByEmail>> = {
  staff: sessionUserByEmail(db, 'staff@northbridge.example'),
  manager: sessionUserByEmail(db, 'manager@northbridge.example'),
  officer: sessionUserByEmail(db, 'officer@northbridge.example'),
  admin: sessionUserByEmail(db, 'admin@northbridge.example'),
};
const token = createApiToken(db, users.admin, { name: 'fuzz', scopes: ['devices:read', 'devices:write'], expiresInDays: 30 });
if (!token.ok) throw new Error(token.error);
const bearer = { authorization: `Bearer ${token.token}` };

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(TEST_AS_OF.getTime() + 3_600_000);
});
afterAll(() => vi.useRealTimers());

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const handler = async (path: string, method = 'GET') => (await import(`@/app/${path}/route`))[method] as Handler;

interface RouteFuzz {
  /** Who calls: a signed-in role, or the API token. */
  caller: Role | 'token';
  /** The route's file under app/. */
  file: string;
  /** The dynamic segment's name, when the route has one. */
  segment?: string;
  /** Query parameters it reads, with values that are valid (mixed in so that successes are reached too). */
  query: Record<string, readonly string[]>;
  /** Valid values of the segment. */
  segments?: readonly string[];
  runs?: number;
  /** A 400 is about the body, not the query: it need not name a parameter. */
  bodyRoute?: boolean;
}

/** "METHOD /route" → how it is fuzzed. */
const ROUTES: Record<string, RouteFuzz> = {
  'GET /admin/hr-import/template': { caller: 'admin', file: '(admin)/admin/hr-import/template', query: {}, runs: 5 },
  'GET /imports/template': { caller: 'officer', file: '(officer)/imports/template', query: {}, runs: 5 },
  'GET /api/audit/export': {
    caller: 'officer', file: 'api/audit/export',
    query: { actor: ['officer', 'northbridge'], action: ['policy.change', 'user.create'], target: ['user', 'exception:1'], from: ['2026-01-01'], to: ['2026-12-31', '2025-01-01'] },
  },
  'GET /api/campaigns/[campaignId]/progress': { caller: 'manager', file: 'api/campaigns/[campaignId]/progress', segment: 'campaignId', segments: ['6', '1'], query: {} },
  'GET /api/dashboard/[table]': {
    caller: 'manager', file: 'api/dashboard/[table]', segment: 'table', segments: ['teams', 'members', 'trend', 'heat-map'],
    query: { team: ['1', '2'], sector: ['finance', 'law'], range: ['90d', 'all'], series: ['team', 'sector'] },
  },
  'GET /api/my/data': { caller: 'staff', file: 'api/my/data', query: {}, runs: 5 },
  'GET /api/reports/archive': { caller: 'officer', file: 'api/reports/archive', query: {}, runs: 1 },
  'GET /api/reports/organisation': { caller: 'officer', file: 'api/reports/organisation', query: { quarter: ['2026-Q3', '2030-Q1'], sector: ['law'], team: ['1', '2'] }, runs: 15 },
  'GET /api/reports/teams/[teamId]': { caller: 'manager', file: 'api/reports/teams/[teamId]', segment: 'teamId', segments: ['1', '2'], query: { quarter: ['2026-Q3', '1999-Q1'] }, runs: 15 },
  'GET /api/v1/devices': { caller: 'token', file: 'api/v1/devices', query: { limit: ['10', '1000', '0'], after: ['0', '20'] } },
  // The body is fuzzed on its own below; here the query string.
  'POST /api/v1/devices': { caller: 'token', file: 'api/v1/devices', query: { limit: ['1'] }, runs: 10, bodyRoute: true },
};

/**
 * Endpoints fuzzed over HTTP against the production build instead: next-auth's handler reads Next's request
 * scope (cookies(), headers()) through its own require, which only a running server provides.
 */
const FUZZED_OVER_HTTP: Record<string, string> = {
  'GET /api/auth/[...nextauth]': 'test/e2e/security.test.ts',
  'POST /api/auth/[...nextauth]': 'test/e2e/security.test.ts',
};

/** A query string: known parameters with valid or hostile values, prototype keys, arbitrary names; or raw text. */
function hostileQuery(known: Record<string, readonly string[]>): fc.Arbitrary<string> {
  const names = [...Object.keys(known), ...PROTOTYPE_KEYS];
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 200)) });
  const value = (n: string) => {
    const hostile = hostileString.map((s) => s.slice(0, 3000));
    return Object.hasOwn(known, n) && known[n]!.length > 0 ? fc.oneof(fc.constantFrom(...known[n]!), hostile) : hostile;
  };
  const pair = name.chain((n) => fc.tuple(fc.constant(n), value(n)));
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(pair, { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString()) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', 'a=%ZZ&&=&b', '?&?&', 'team=1&team=2&team=%00') },
  );
}

describe('every route handler', () => {
  it('has a fuzz case for each of its methods', () => {
    const endpoints = routeEndpoints();
    expect(endpoints.filter((e) => !(e in ROUTES) && !(e in FUZZED_OVER_HTTP)).map((e) => `${e} has no fuzz case`)).toEqual([]);
    expect([...Object.keys(ROUTES), ...Object.keys(FUZZED_OVER_HTTP)].filter((e) => !endpoints.includes(e)).map((e) => `${e} is no longer a route`)).toEqual([]);
    for (const [endpoint, file] of Object.entries(FUZZED_OVER_HTTP)) expect(fs.readFileSync(file, 'utf8'), `${file} fuzzes ${endpoint}`).toContain(endpoint);
  });

  it.each(Object.entries(ROUTES))('%s: a 2xx or a 4xx naming what is wrong, never a 500; a refusal writes nothing', async (endpoint, fuzz) => {
    const method = endpoint.split(' ')[0]!;
    const route = await handler(fuzz.file, method);
    session.mockResolvedValue(fuzz.caller === 'token' ? null : users[fuzz.caller]);
    const segment = fuzz.segments ? fc.oneof(fc.constantFrom(...fuzz.segments), hostileString.map((s) => s.slice(0, 2000))) : fc.constant('');
    await fc.assert(
      fc.asyncProperty(segment, hostileQuery(fuzz.query), async (value, search) => {
        const url = new URL(`http://localhost/${fuzz.file.replace(/\(.*?\)\//g, '')}`);
        url.search = search;
        const headers = { ...(fuzz.caller === 'token' ? bearer : {}), ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
        const request = new NextRequest(url, { method, headers, ...(method === 'POST' ? { body: search } : {}) });
        const params = fuzz.segment ? { [fuzz.segment]: value } : {};
        const before = databaseDigest(sqlite, { except: NOISY_TABLES });
        const response = await route(request, { params: Promise.resolve(params) });
        expect(response.status, `${endpoint} ${value} ?${search}`).toBeLessThan(500);
        if (response.status < 400) return void (await response.body?.cancel());
        expect(databaseDigest(sqlite, { except: NOISY_TABLES })).toEqual(before);
        const body = (await response.json()) as { error: string; issues?: { path: string; message: string }[] };
        expect(body.error).toEqual(expect.stringMatching(/\S/));
        if (response.status !== 400 || fuzz.bodyRoute) return;
        // A 400 says which parameter is wrong, by name (or the segment's value is what was wrong).
        // The answer's text as a client reads it (JSON escapes would hide a name with control characters).
        const said = [body.error, ...(body.issues ?? []).flatMap((issue) => [issue.path, issue.message])].join(' ').toLowerCase();
        const sent = [...new URLSearchParams(search).keys(), ...(fuzz.segment ? [fuzz.segment] : [])];
        expect(sent.some((name) => said.includes(name === '' ? 'a parameter with no name' : name.toLowerCase())) || said.includes('choose a team'), `${said.slice(0, 300)} names one of ${sent.join(', ')}`).toBe(true);
      }),
      { numRuns: fuzz.runs ?? 30 },
    );
  });
});

describe('POST /api/v1/devices with hostile bodies', () => {
  const post = async (body: string) => (await handler('api/v1/devices', 'POST'))(new NextRequest('http://localhost/api/v1/devices', { method: 'POST', headers: { 'content-type': 'application/json', ...bearer }, body }), { params: Promise.resolve({}) });
  const jsonOf = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) ?? 'null';
  const content = () => databaseDigest(sqlite, { except: NOISY_TABLES });

  it('any body is a 2xx or a 4xx with a reason, and a refusal writes nothing', async () => {
    const device = fc.record(Object.fromEntries(['ownerEmail', 'externalId', 'model', 'kind', 'os', 'osVersion', 'lastSeenAt', 'apps', 'mdmEnrolled', '__proto__'].map((k) => [k, hostileValue])), { requiredKeys: [] });
    const body = fc.oneof(fc.record({ devices: fc.array(device, { maxLength: 3 }) }).map(jsonOf), hostileValue.map(jsonOf), hostileString);
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = content();
        const response = await post(text);
        expect([200, 400, 413, 422]).toContain(response.status);
        const answer = (await response.json()) as { error?: string };
        if (response.status !== 200) {
          expect(answer.error).toEqual(expect.stringMatching(/\S/));
          expect(content()).toEqual(before);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('stores the model and device id exactly as sent (trimmed), or refuses them by name', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostileString, fc.constantFrom('model', 'externalId'), async (text, field) => {
        n += 1;
        const device = { ownerEmail: 'staff@northbridge.example', externalId: `API-STORED-${n}`, model: 'Pixel 9', kind: 'phone', os: 'android', osVersion: '15', [field]: text };
        const before = content();
        const response = await post(JSON.stringify({ devices: [device] }));
        const answer = (await response.json()) as { created?: number; updated?: number; error?: string };
        if (response.status === 200) {
          // Applied (created, or an update of the device the same id made earlier): stored as sent, trimmed.
          const stored = sqlite
            .prepare('SELECT d.external_id AS externalId, v.model FROM devices d JOIN device_versions v ON v.device_id = d.id AND v.valid_to IS NULL WHERE d.external_id = ?')
            .get(field === 'externalId' ? text.trim() : device.externalId) as Record<string, string> | undefined;
          expect(stored?.[field]).toBe(text.trim());
          return;
        }
        expect(content()).toEqual(before);
        expect(JSON.stringify(answer), 'the refusal names the field').toContain(field);
      }),
      { numRuns: 40 },
    );
  });
});
