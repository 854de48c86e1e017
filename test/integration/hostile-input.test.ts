import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '@/db/commands/api-tokens';
import type { SessionUser } from '@/db/queries/users';
import { getPack, questionsFor, type Question, type Sector } from '@/lib/policy';
import { TEMPLATE_HEADERS } from '@/lib/import/template';
import { dayKey } from '@/lib/time';
import { sessionUserByEmail, TEST_AS_OF } from '../helpers/database';
import { databaseDigest } from '../helpers/digest';
import { formDataOf, hostileFormFields, hostileString, hostileValue } from '../helpers/hostile';

/**
 * Hostile input against every server action and route handler, on one seeded database: whatever is posted, an
 * action returns a result (never throws: a throw is a 500 page) and a refusal says why and changes nothing at
 * all (the digest of every table is the same before and after); a route answers with a 2xx or 4xx status and
 * a JSON error, never a 500, and a refused request changes nothing.
 */

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { submitAttestation, saveDraft } = await import('@/lib/actions/attestations');
const { registerDevice, updateDevice, retireDevice } = await import('@/lib/actions/devices');
const { createCampaign, nudgeMember } = await import('@/lib/actions/campaigns');
const { grantException, revokeException } = await import('@/lib/actions/exceptions');
const { importDevices } = await import('@/lib/actions/imports');
const { changePolicyParameters } = await import('@/lib/actions/policy');
const { createToken, revokeToken } = await import('@/lib/actions/api-tokens');
const devicesRoute = await import('@/app/api/v1/devices/route');
const { GET: getTable } = await import('@/app/api/dashboard/[table]/route');
const { GET: getProgress } = await import('@/app/api/campaigns/[campaignId]/progress/route');

const sqlite = db.$client;
const session = vi.mocked(getSessionUser);
const RUNS = { numRuns: 50 };
const now = new Date(TEST_AS_OF.getTime() + 3_600_000);
const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
const byEmail = (email: string) => sessionUserByEmail(db, email);

beforeAll(() => {
  // setTimeout too: the recomputation an accepted submission schedules (5 s later) would otherwise write the daily
  // figures in the middle of a later property's before/after comparison.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(now);
});
afterAll(() => vi.useRealTimers());

const officer = byEmail('officer@northbridge.example');
const admin = byEmail('admin@northbridge.example');
const manager = byEmail('manager@northbridge.example');
const staff = byEmail('staff@northbridge.example');
const campaignId = one<{ id: number }>('SELECT id FROM campaigns ORDER BY opens_at DESC LIMIT 1').id;
const staffSector = one<{ pack: Sector }>('SELECT t.policy_pack_id AS pack FROM teams t WHERE t.id = ?', staff.memberTeamIds[0]).pack;
const questions = questionsFor(getPack(staffSector), { isSupervisor: false });
const staffDevice = one<{ id: number }>('SELECT id FROM devices WHERE owner_id = ? AND retired_at IS NULL LIMIT 1', staff.id).id;
const teamId = manager.managedTeamIds[0]!;
const member = one<{ id: number }>('SELECT user_id AS id FROM team_members WHERE team_id = ? AND left_at IS NULL AND user_id <> ? LIMIT 1', teamId, manager.id).id;
const day = (days: number) => dayKey(new Date(now.getTime() + days * 86_400_000));

const answer = (q: Question): string =>
  q.type === 'yes_no' ? 'yes' : q.type === 'number' ? String(q.min) : q.type === 'choice' ? q.options[0]!.value : q.type === 'multi_choice' ? '' : 'None';

type Action = (previous: null, form: FormData) => Promise<unknown>;

/** Each action, who may call it, and a valid form that the fuzzer mixes hostile fields into. */
const ACTIONS: [string, Action, SessionUser, Record<string, string>][] = [
  [
    'submitAttestation',
    submitAttestation as Action,
    staff,
    { campaignId: String(campaignId), signatureName: staff.name, confirm: 'on', ...Object.fromEntries(questions.map((q) => [`answers.${q.id}`, answer(q)])) },
  ],
  ['saveDraft', saveDraft as Action, staff, { campaignId: String(campaignId), ...Object.fromEntries(questions.map((q) => [`answers.${q.id}`, answer(q)])) }],
  ['registerDevice', registerDevice as Action, staff, { kind: 'phone', ownership: 'byod', model: 'Pixel 8', os: 'android', osVersion: '15', 'app.signal': 'on' }],
  ['updateDevice', updateDevice as Action, staff, { deviceId: String(staffDevice), kind: 'phone', ownership: 'byod', model: 'Pixel 8', os: 'android', osVersion: '15' }],
  ['retireDevice', retireDevice as Action, staff, { deviceId: String(staffDevice + 100_000) }],
  ['createCampaign', createCampaign as Action, officer, { period: '2027-Q1', audience: 'teams', teamIds: String(teamId), opensAt: day(40), dueAt: day(90) }],
  ['nudgeMember', nudgeMember as Action, manager, { userId: String(member), campaignId: String(campaignId) }],
  ['grantException', grantException as Action, officer, { waiveFor: 'person', email: 'staff@northbridge.example', ruleId: 'X5', reason: 'Travel', expiresAt: day(30) }],
  ['revokeException', revokeException as Action, officer, { exceptionId: '999999' }],
  ['changePolicyParameters', changePolicyParameters as Action, officer, { teamId: '', note: 'Fuzz', forwardingWindowDays: '7' }],
  ['createToken', createToken as Action, admin, { name: 'Fuzz', scopes: 'devices:read', expiresInDays: '30' }],
  ['revokeToken', revokeToken as Action, admin, { tokenId: '999999' }],
  ['importDevices', importDevices as Action, officer, { intent: 'preview', format: 'auto' }],
];

/** Runs the action; a redirect (success of a creation) counts as success. Anything else thrown fails the test. */
async function call(action: Action, form: FormData): Promise<{ ok: boolean; error?: unknown; fieldErrors?: unknown }> {
  try {
    const result = (await action(null, form)) as { ok: boolean; error?: unknown; fieldErrors?: unknown };
    expect(result).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
    return result;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('NEXT_REDIRECT ')) return { ok: true };
    throw error;
  }
}

describe.each(ACTIONS)('%s', (_name, action, user, valid) => {
  const names = [...Object.keys(valid), 'file', '$ACTION_ID_1', 'answers.__proto__', 'map.__proto__'];

  it('answers any posted fields with a result; a refusal says why and writes nothing', async () => {
    session.mockResolvedValue(user);
    await fc.assert(
      fc.asyncProperty(hostileFormFields(names), fc.boolean(), async (hostile, keepValid) => {
        const fields: [string, string][] = keepValid ? [...Object.entries(valid), ...hostile] : hostile;
        const before = databaseDigest(sqlite);
        const result = await call(action, formDataOf(fields));
        if (result.ok) return;
        expect(result.error).toEqual(expect.stringMatching(/\S/));
        expect(databaseDigest(sqlite)).toEqual(before);
      }),
      RUNS,
    );
  });
});

describe('importDevices with hostile files', () => {
  it('previews or refuses any file, and a confirmation of a refused file writes nothing', async () => {
    session.mockResolvedValue(officer);
    const text = fc
      .array(fc.array(fc.oneof(hostileString.map((s) => s.slice(0, 300)), fc.constantFrom('staff@northbridge.example', 'phone', 'ios', '18.1')), { minLength: 1, maxLength: 20 }), { maxLength: 6 })
      .map((rows) => [TEMPLATE_HEADERS.join(','), ...rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))].join('\n'));
    const file = fc.oneof(text.map((t) => new TextEncoder().encode(t)), fc.uint8Array({ maxLength: 1024 }));
    await fc.assert(
      fc.asyncProperty(file, hostileString, fc.constantFrom('preview', 'confirm', 'apply'), async (bytes, name, intent) => {
        const before = databaseDigest(sqlite);
        const result = await call(importDevices as Action, formDataOf([['intent', intent], ['file', new File([bytes], name.slice(0, 300))]]));
        // A confirmation without the previewed file's hash is always refused; a preview writes nothing either way.
        expect(result.ok && intent !== 'preview').toBe(false);
        if (!result.ok) expect(result.error).toEqual(expect.stringMatching(/\S/));
        expect(databaseDigest(sqlite)).toEqual(before);
      }),
      RUNS,
    );
  });
});

describe('route handlers', () => {
  const token = createApiToken(db, admin, { name: 'fuzz', scopes: ['devices:read', 'devices:write'], expiresInDays: 30 });
  if (!token.ok) throw new Error(token.error);
  const auth = { authorization: `Bearer ${token.token}` };
  const expectClientError = async (response: Response, allowed: number[]) => {
    expect(allowed).toContain(response.status);
    if (response.status >= 400) expect(await response.json()).toEqual(expect.objectContaining({ error: expect.stringMatching(/\S/) }));
  };
  const device = fc.record(
    Object.fromEntries(['ownerEmail', 'externalId', 'model', 'kind', 'os', 'osVersion', 'lastSeenAt', 'apps', 'mdmEnrolled'].map((k) => [k, hostileValue])),
    { requiredKeys: [] },
  );
  // A good token records when it was last used: bookkeeping of the authentication, not of the refused request.
  const content = () => Object.fromEntries(Object.entries(databaseDigest(sqlite)).filter(([table]) => table !== 'api_tokens'));
  const jsonSafe = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) ?? 'null';

  it('POST /api/v1/devices: any body is a 2xx or 4xx with a reason, and a refusal writes nothing', async () => {
    const body = fc.oneof(
      fc.record({ devices: fc.array(device, { maxLength: 3 }) }).map(jsonSafe),
      hostileValue.map(jsonSafe),
      hostileString,
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = content();
        const response = await devicesRoute.POST(new Request('http://localhost/api/v1/devices', { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: text }));
        await expectClientError(response, [200, 400, 413, 422]);
        if (response.status !== 200) expect(content()).toEqual(before);
      }),
      RUNS,
    );
  });

  it('GET routes: hostile paths and query strings are a 2xx or 4xx, never a 500', async () => {
    const query = fc.array(fc.tuple(fc.constantFrom('limit', 'after', 'sector', 'team', 'range', 'series', 'x'), hostileString.map((s) => s.slice(0, 2000))), { maxLength: 5 });
    session.mockResolvedValue(officer);
    await fc.assert(
      fc.asyncProperty(hostileString.map((s) => s.slice(0, 2000)), query, async (segment, pairs) => {
        const search = new URLSearchParams(pairs).toString();
        await expectClientError(await devicesRoute.GET(new Request(`http://localhost/api/v1/devices?${search}`, { headers: auth })), [200, 400]);
        await expectClientError(await getTable(new Request(`http://localhost/api/dashboard/x?${search}`), { params: Promise.resolve({ table: segment }) }), [200, 400, 404]);
        await expectClientError(await getProgress(new Request('http://localhost/api/campaigns/x/progress'), { params: Promise.resolve({ campaignId: segment }) }), [200, 400, 404]);
      }),
      { numRuns: 30 },
    );
  });
});
