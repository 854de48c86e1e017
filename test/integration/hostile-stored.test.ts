import fc from 'fast-check';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/db/queries/users';
import type { Role } from '@/lib/auth/roles';
import { callAction, expectActionAnswer } from '../helpers/action-call';
import { TEST_AS_OF, sessionUserByEmail } from '../helpers/database';
import { databaseDigest } from '../helpers/digest';
import { HOSTILE_STRINGS, formDataOf, hostileString } from '../helpers/hostile';

/**
 * What hostile text becomes once stored and shown. Every free-text field an action stores gets hostile strings
 * (markup, SQL, bidi and zero-width characters, lone surrogates, control characters, huge strings): either the
 * action refuses it, naming the field and writing nothing, or it stores exactly what was posted (trimmed where the
 * form says so: nothing else mangled). Then markup stored through each field is rendered by the page that shows
 * it, escaped, never as markup.
 */

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', async () => {
  const { can, canViewTeam } = await import('@/lib/auth/roles');
  const getSessionUser = vi.fn();
  const requireCapability = async (capability: Parameters<typeof can>[1]) => {
    const user = (await getSessionUser()) as SessionUser | null;
    if (!user || !can(user.role, capability)) throw new Error('NEXT_NOT_FOUND');
    return user;
  };
  const requireTeamAccess = async (teamId: number) => {
    const user = await requireCapability('view:team');
    if (!canViewTeam(user, teamId)) throw new Error('NEXT_NOT_FOUND');
    return user;
  };
  return { getSessionUser, requireUser: requireCapability.bind(null, 'view:own'), requireCapability, requireTeamAccess };
});
// next/form needs Next's router, which a server render outside Next.js does not have.
vi.mock('next/form', () => ({ default: (props: Record<string, unknown>) => createElement('form', props) }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { ACTION_CATALOGUE, CALLERS, confirmedImport, deviceCsv, next, peopleCsv, OUTSIDER } = await import('../helpers/action-catalogue');
const { loadServerActions } = await import('../helpers/app-surface');
const actions = await loadServerActions();
const sqlite = db.$client;
const session = vi.mocked(getSessionUser);
const text = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).pluck().get(...params) as string | null;
const json = (sql: string, key: string) => (JSON.parse(text(sql) ?? '{}') as Record<string, unknown>)[key];

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(TEST_AS_OF.getTime() + 3_600_000);
});
afterAll(() => vi.useRealTimers());

/** A member of a government team: the only pack with a free-text question. */
const civilServant = sessionUserByEmail(
  db,
  text("SELECT u.email FROM users u JOIN team_members m ON m.user_id = u.id JOIN teams t ON t.id = m.team_id WHERE t.sector = 'government' AND m.left_at IS NULL AND u.role = 'staff' AND u.active = 1 ORDER BY u.id LIMIT 1")!,
);
const value = (fields: [string, string | File][], key: string) => fields.find(([k]) => k === key)?.[1] as string;
/** What a file's text is once read back as UTF-8 (a lone surrogate cannot be encoded, and becomes U+FFFD). */
const throughUtf8 = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));

interface TextField {
  action: string;
  field: string;
  as?: Role | SessionUser;
  /** The key of the field's errors when it is refused (default: the field). */
  path?: string;
  /** The form with `text` in the field (default: the catalogue's valid form, the field replaced). */
  form?: (text: string, caller: SessionUser) => [string, string | File][];
  /** What the action stored from this form. */
  stored: (fields: [string, string | File][]) => unknown;
  /** What should be stored for the posted `text` (default: trimmed). */
  expected?: (text: string) => unknown;
}

const newest = (table: string, column: string) => () => text(`SELECT ${column} FROM ${table} ORDER BY id DESC LIMIT 1`);
const TEXT_FIELDS: TextField[] = [
  { action: 'registerDevice', field: 'model', stored: newest('device_versions', 'model') },
  { action: 'registerDevice', field: 'osVersion', stored: newest('device_versions', 'os_version') },
  { action: 'updateDevice', field: 'model', stored: (f) => text('SELECT model FROM device_versions WHERE device_id = ? AND valid_to IS NULL', value(f, 'deviceId')) },
  // Left empty, the name is the period's default.
  { action: 'createCampaign', field: 'name', stored: newest('campaigns', 'name'), expected: (s) => s.trim() || expect.stringMatching(/ messaging attestation$/) },
  { action: 'grantException', field: 'reason', stored: newest('exceptions', 'reason') },
  { action: 'changePolicyParameters', field: 'note', stored: newest('policy_settings', 'note') },
  { action: 'createToken', field: 'name', stored: newest('api_tokens', 'name') },
  { action: 'saveOrganisationSettings', field: 'name', stored: () => text('SELECT name FROM organisation') },
  { action: 'createPersonAction', field: 'name', stored: newest('users', 'name') },
  { action: 'createPersonAction', field: 'jobTitle', stored: newest('users', 'job_title'), expected: (s) => s.trim() || null },
  { action: 'updatePersonAction', field: 'name', stored: (f) => text('SELECT name FROM users WHERE id = ?', value(f, 'userId')) },
  { action: 'createTeamAction', field: 'name', stored: newest('teams', 'name') },
  { action: 'updateTeamAction', field: 'name', stored: (f) => text('SELECT name FROM teams WHERE id = ?', value(f, 'teamId')) },
  {
    action: 'submitAttestation', field: 'answers.nccc_justification', as: civilServant,
    stored: () => json('SELECT answers FROM attestations ORDER BY id DESC LIMIT 1', 'nccc_justification'),
  },
  {
    action: 'saveDraft', field: 'answers.nccc_justification', as: civilServant, expected: (s) => s.slice(0, 2000),
    stored: () => json(`SELECT answers FROM attestation_drafts WHERE user_id = ${civilServant.id}`, 'nccc_justification'),
  },
  {
    action: 'importDevices', field: 'model', path: 'file', expected: (s) => throughUtf8(s).trim(),
    form: (s) => confirmedImport(deviceCsv(OUTSIDER.email, s)), stored: newest('device_versions', 'model'),
  },
  {
    // HR exports wrap and pad names: the import folds every run of white space (JavaScript's \s, U+FEFF included) into one space.
    action: 'importPeople', field: 'name', path: 'file', expected: (s) => throughUtf8(s).replace(/\s+/g, ' ').trim(),
    form: (s) => confirmedImport(peopleCsv(`hr.stored.${next()}@northbridge.example`, s), [['mode', 'partial']]), stored: newest('users', 'name'),
  },
];

function formFor(spec: TextField, s: string, caller: SessionUser): [string, string | File][] {
  if (spec.form) return spec.form(s, caller);
  const fields = ACTION_CATALOGUE[spec.action]!.cases[0]!.form(caller).filter(([k]) => k !== spec.field);
  return [...fields, [spec.field, s]];
}
const callerOf = (spec: TextField): SessionUser => (typeof spec.as === 'object' ? spec.as : CALLERS[spec.as ?? ACTION_CATALOGUE[spec.action]!.cases[0]!.allowed[0]!]);

// Markup, quotes and SQL more often than arbitrary text would give them: the characters that escaping is about.
const storedText = fc.oneof({ weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => /[<>"'&;]/.test(s))) });

describe('hostile text in every stored field', () => {
  it.each(TEXT_FIELDS.map((spec) => [`${spec.action} ${spec.field}`, spec] as const))('%s: stored exactly as posted, or refused naming the field', async (_name, spec) => {
    const caller = callerOf(spec);
    session.mockResolvedValue(caller);
    await fc.assert(
      fc.asyncProperty(storedText, async (s) => {
        const fields = formFor(spec, s, caller);
        const form = formDataOf(fields);
        // What the form carries: FormData (like a browser) turns a lone surrogate into U+FFFD.
        const sent = spec.form ? s : (form.get(spec.field) as string);
        const before = databaseDigest(sqlite);
        const answer = await callAction(actions.get(spec.action)!.action, form);
        expectActionAnswer(answer);
        if (answer.ok) {
          expect(spec.stored(fields)).toEqual((spec.expected ?? ((x: string) => x.trim()))(sent));
          return;
        }
        expect(databaseDigest(sqlite)).toEqual(before);
        // A form's field is named in its field errors; a file's cell in a row error or the refusal of the file.
        const named = Object.keys((answer.fieldErrors as Record<string, unknown> | undefined) ?? {}).includes(spec.path ?? spec.field);
        const inFile = spec.path === 'file' && (JSON.stringify(answer.rowErrors ?? '').includes(spec.field) || /\b(row|file)\b/i.test(String(answer.error)));
        expect(named || inFile, `${JSON.stringify(answer).slice(0, 300)} names ${spec.field}`).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('stored markup, rendered', () => {
  const MARKUP = '<script>alert("fz")</script><img src=x onerror=alert(1)>';
  const newestId = (table: string) => String(sqlite.prepare(`SELECT max(id) FROM ${table}`).pluck().get());
  const params = <T extends object>(p: T) => ({ params: Promise.resolve(p), searchParams: Promise.resolve({}) });
  type Page = (props: ReturnType<typeof params>) => Promise<ReactElement>;
  const page = async (path: string) => (await import(`@/app/${path}/page`)).default as Page;

  it.each([
    ['registerDevice', 'model', async () => (await page('(staff)/my/devices/[deviceId]'))(params({ deviceId: newestId('devices') }))],
    ['registerDevice', 'model', async () => (await page('(staff)/my'))(params({}))],
    ['grantException', 'reason', async () => (await page('(officer)/exceptions'))(params({}))],
    ['changePolicyParameters', 'note', async () => (await page('(officer)/policy'))(params({}))],
    ['createCampaign', 'name', async () => (await page('(manager)/campaigns'))(params({}))],
    ['createToken', 'name', async () => (await page('(admin)/settings'))(params({}))],
    ['saveOrganisationSettings', 'name', async () => (await page('(admin)/settings'))(params({}))],
    ['createPersonAction', 'name', async () => (await page('(admin)/admin/people/[userId]'))(params({ userId: newestId('users') }))],
    ['createTeamAction', 'name', async () => (await page('(admin)/admin/teams'))(params({}))],
  ] as const)('%s %s is shown escaped', async (name, field, render) => {
    const spec = TEXT_FIELDS.find((s) => s.action === name && s.field === field)!;
    const caller = callerOf(spec);
    session.mockResolvedValue(caller);
    const answer = await callAction(actions.get(name)!.action, formDataOf(formFor(spec, MARKUP, caller)));
    expect(answer).toEqual(expect.objectContaining({ ok: true }));
    const html = renderToString(await render());
    expect(html).not.toContain('<script>alert(');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(');
  });
});
