import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { TEMPLATE_HEADERS } from '@/lib/import/template';
import { HR_TEMPLATE_HEADERS } from '@/lib/import/hr';
import type { Fields } from '../helpers/action-catalogue';
import { loadServerActions } from '../helpers/app-surface';
import { callAction, expectActionAnswer, prototypeKeys } from '../helpers/action-call';
import { TEST_AS_OF } from '../helpers/database';
import { databaseDigest } from '../helpers/digest';
import { formDataOf, formMutation, hostileString, hostileValue, mutateForm } from '../helpers/hostile';

/**
 * Hostile input against every server action of the app (found from the code: a new action without a fuzz case
 * fails here), as a caller allowed to use it, on one seeded database: valid forms with fields left out and
 * hostile fields added (wrong types and files where text belongs, huge strings, odd Unicode, markup, SQL,
 * prototype keys). Whatever is posted, an action answers with the result shape forms read (a throw is a 500
 * page); a refusal says why and changes nothing at all; a success that writes is audited; nothing reaches
 * Object.prototype; the audit chain stays intact. Imports also get hostile files, previewed and confirmed.
 */

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));
vi.mock('bcryptjs', async (original) => {
  const bcrypt = ((await original()) as { default: typeof import('bcryptjs') }).default;
  return { default: { ...bcrypt, hash: (password: string) => bcrypt.hash(password, 4) } };
});

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { ACTION_CATALOGUE, CALLERS, confirmedImport, csvFile } = await import('../helpers/action-catalogue');
const actions = await loadServerActions();
const sqlite = db.$client;
const session = vi.mocked(getSessionUser);
const RUNS = { numRuns: 30 };

beforeAll(() => {
  // setTimeout too: the recomputation an accepted change schedules (5 s later) would otherwise write the daily
  // figures in the middle of a later property's before/after comparison.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(TEST_AS_OF.getTime() + 3_600_000);
});
afterAll(() => vi.useRealTimers());

const changed = (before: Record<string, string>, after: Record<string, string>) => Object.keys(after).filter((t) => after[t] !== before[t]);

describe('every server action', () => {
  it('has a fuzz case', () => {
    expect([...actions.keys()].filter((name) => !(name in ACTION_CATALOGUE)).map((name) => `${name} has no fuzz case`)).toEqual([]);
  });

  const names = Object.keys(ACTION_CATALOGUE).filter((name) => actions.has(name));
  it.each(names)('%s: any posted form gets a result; a refusal says why and writes nothing', async (name) => {
    const { action } = actions.get(name)!;
    const valid = ACTION_CATALOGUE[name]!.cases[0]!;
    const caller = CALLERS[valid.allowed[0] ?? ACTION_CATALOGUE[name]!.roles[0]!];
    session.mockResolvedValue(caller);
    const proto = prototypeKeys();
    await fc.assert(
      fc.asyncProperty(fc.context(), formMutation(valid.form(caller).map(([key]) => key)), async (log, mutation) => {
        // Made afresh for each run: the record it acts on is new, so the unchanged form would succeed.
        const fields = mutateForm(valid.form(caller), mutation);
        const before = databaseDigest(sqlite);
        const answer = await callAction(action, formDataOf(fields));
        const after = databaseDigest(sqlite);
        log.log(JSON.stringify(answer).slice(0, 500));
        expectActionAnswer(answer);
        expect(prototypeKeys()).toEqual(proto);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        const moved = changed(before, after);
        if (!answer.ok) expect(moved, 'tables a refusal wrote').toEqual([]);
        // Every change is audited: a write without its audit entry would be half of one.
        else if (valid.writes.includes('audit_log') && moved.length > 0) expect(moved).toContain('audit_log');
      }),
      RUNS,
    );
    expect(verifyAuditChain(db)).toEqual(expect.objectContaining({ ok: true }));
  });

  // Next decodes an action's arguments from the request body as the client encoded them: an attacker's script can
  // send a string, a number, an array or a plain object where the form would be, and any first argument.
  it.each(names)('%s: arguments that are not a form get a result and write nothing', async (name) => {
    const { action } = actions.get(name)!;
    const valid = ACTION_CATALOGUE[name]!.cases[0]!;
    const caller = CALLERS[valid.allowed[0] ?? ACTION_CATALOGUE[name]!.roles[0]!];
    session.mockResolvedValue(caller);
    const asObject = fc.constant(null).map(() => Object.fromEntries(valid.form(caller)));
    const argument = fc.oneof(hostileValue, asObject, fc.constantFrom(undefined, null, 0, '', [], 'campaignId=1'));
    await fc.assert(
      fc.asyncProperty(hostileValue, argument, async (previous, input) => {
        const before = databaseDigest(sqlite);
        const call = action as unknown as (previous: unknown, input: unknown) => Promise<unknown>;
        const answer = await callAction((p) => call(previous ?? p, input), new FormData());
        expectActionAnswer(answer);
        if (!answer.ok) expect(changed(before, databaseDigest(sqlite))).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });
});

describe('imports with hostile files', () => {
  const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const csv = (headers: readonly string[], known: string[]) =>
    fc
      .array(fc.array(fc.oneof(hostileString.map((s) => s.slice(0, 300)), fc.constantFrom(...known)), { minLength: 1, maxLength: headers.length + 1 }), { maxLength: 5 })
      .map((rows) => [headers.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n'));
  const file = (text: fc.Arbitrary<string>) => fc.oneof(text, fc.uint8Array({ maxLength: 1024 }).map((bytes) => new TextDecoder('latin1').decode(bytes)));

  it.each([
    ['importDevices', TEMPLATE_HEADERS, ['staff@northbridge.example', 'phone', 'ios', '18.1', 'true', 'signal'], 'officer'],
    ['importPeople', HR_TEMPLATE_HEADERS, ['staff@northbridge.example', 'Sam Thompson', 'Litigation', 'staff', 'finance', 'new.person@northbridge.example'], 'admin'],
  ] as const)('%s: previews, applies or refuses any file; a refusal writes nothing, a preview never writes', async (name, headers, known, role) => {
    session.mockResolvedValue(CALLERS[role]);
    const { action } = actions.get(name)!;
    await fc.assert(
      fc.asyncProperty(file(csv(headers, [...known])), hostileString, fc.constantFrom('preview', 'confirm'), async (text, fileName, intent) => {
        const mode: Fields = name === 'importPeople' ? [['mode', 'partial']] : [];
        const fields: Fields = intent === 'confirm' ? confirmedImport(text, mode) : [['intent', 'preview'], ['file', csvFile(text, fileName.slice(0, 300))], ...mode];
        const before = databaseDigest(sqlite);
        const answer = await callAction(action, formDataOf(fields));
        expectActionAnswer(answer);
        const moved = changed(before, databaseDigest(sqlite));
        if (!answer.ok || intent === 'preview') expect(moved).toEqual([]);
        else if (moved.length > 0) expect(moved).toEqual(expect.arrayContaining(['imports', 'audit_log']));
      }),
      { numRuns: 30 },
    );
  });
});
