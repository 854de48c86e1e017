import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/db/queries/users';
import { ROLES, type Role } from '@/lib/auth/roles';
import { inlineServerActionFiles, loadServerActions } from '../helpers/app-surface';
import { TEST_AS_OF } from '../helpers/database';
import { databaseDigest } from '../helpers/digest';
import { formDataOf } from '../helpers/hostile';

/**
 * Every server action of the app, found from the code (test/helpers/app-surface.ts: a new action missing from
 * the catalogue fails here), called by each kind of caller — signed out, staff, manager, officer, admin — on the
 * caller's own records, another person's, the manager's own team's and another team's (test/helpers/
 * action-catalogue.ts). An allowed call succeeds and its writes are in the database, audited as the caller; a
 * refused one gets exactly the refusal (nothing more), changes nothing at all, and names no one else's data.
 */

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));
// Administrators' passwords are hashed at cost 12 (a quarter of a second); the matrix needs no slow hashing.
vi.mock('bcryptjs', async (original) => {
  const bcrypt = ((await original()) as { default: typeof import('bcryptjs') }).default;
  return { default: { ...bcrypt, hash: (password: string) => bcrypt.hash(password, 4) } };
});

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { ACCESS_DENIED } = await import('@/lib/auth/action-guard');
const { ACTION_CATALOGUE, CALLERS } = await import('../helpers/action-catalogue');
const actions = await loadServerActions();
const sqlite = db.$client;

type Caller = Role | 'signed out';
const ALL_CALLERS: readonly Caller[] = ['signed out', ...ROLES];

let clock = TEST_AS_OF.getTime() + 3_600_000;
beforeAll(() => {
  // The seeded quarter's campaign is open on the seeded day; the score refresh a change schedules (5 s later)
  // would write the daily figures in the middle of a later call's before/after comparison.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(clock);
});
afterAll(() => vi.useRealTimers());

/** Each call a minute after the last: every write is distinct from the one before (drafts, audit times). */
const tick = () => vi.setSystemTime((clock += 60_000));

/**
 * What a refusal must not carry, whoever it is for: the name and e-mail of anyone but the caller, the names of
 * teams the caller is not in, and the models of devices that are not the caller's.
 */
function othersData(caller: SessionUser | null): string[] {
  const id = caller?.id ?? 0;
  const teams = JSON.stringify([...(caller?.memberTeamIds ?? []), ...(caller?.managedTeamIds ?? [])]);
  const column = (sql: string, ...params: unknown[]) => (sqlite.prepare(sql).pluck().all(...params) as string[]).filter((text) => text.length >= 4);
  return [
    ...column('SELECT name FROM users WHERE id <> ? UNION SELECT email FROM users WHERE id <> ?', id, id),
    ...column('SELECT name FROM teams WHERE id NOT IN (SELECT value FROM json_each(?))', teams),
    ...column(
      `SELECT DISTINCT v.model FROM device_versions v JOIN devices d ON d.id = v.device_id WHERE d.owner_id <> ?
         EXCEPT SELECT v.model FROM device_versions v JOIN devices d ON d.id = v.device_id WHERE d.owner_id = ?`,
      id,
      id,
    ),
  ];
}

/** The action's answer; a redirect (where a creation opens the new record's page) counts as success. */
async function call(name: string, caller: SessionUser | null, form: FormData): Promise<unknown> {
  vi.mocked(getSessionUser).mockResolvedValue(caller);
  try {
    return await actions.get(name)!.action(null, form);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('NEXT_REDIRECT ')) return { ok: true, redirect: error.message };
    throw error;
  }
}

const changedTables = (before: Record<string, string>, after: Record<string, string>) => Object.keys(after).filter((table) => after[table] !== before[table]).sort();
const newestAuditActor = () => (sqlite.prepare('SELECT actor_id FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as number | null) ?? null;

describe('server action access matrix', () => {
  it('has a row for every exported server action, and none for actions that are gone', () => {
    const missing = [...actions.keys()].filter((name) => !(name in ACTION_CATALOGUE));
    const gone = Object.keys(ACTION_CATALOGUE).filter((name) => !actions.has(name));
    expect(missing.map((name) => `${name} (${actions.get(name)!.file}) has no matrix row`)).toEqual([]);
    expect(gone.map((name) => `${name} is in the matrix but is no longer a server action`)).toEqual([]);
  });

  it('finds no inline server actions (which could not be called by name, so no test would reach them)', () => {
    expect(inlineServerActionFiles()).toEqual([]);
  });

  const cells = Object.entries(ACTION_CATALOGUE).flatMap(([name, entry]) =>
    entry.cases.flatMap((c) => ALL_CALLERS.map((caller) => [name, c.about, caller, caller !== 'signed out' && c.allowed.includes(caller)] as const)),
  );

  it.each(cells)('%s on %s as %s (allowed: %s)', async (name, about, callerRole, allowed) => {
    const entry = ACTION_CATALOGUE[name]!;
    const c = entry.cases.find((x) => x.about === about)!;
    const caller = callerRole === 'signed out' ? null : CALLERS[callerRole];
    tick();
    // The signed out post what the staff member would: the form is about a record either way.
    const form = formDataOf(c.form(caller ?? CALLERS.staff));
    const before = databaseDigest(sqlite);
    const result = await call(name, caller, form);
    const after = databaseDigest(sqlite);

    if (allowed) {
      expect(result, `${name} as ${callerRole}`).toEqual(expect.objectContaining({ ok: true }));
      const changed = changedTables(before, after);
      expect(changed, `tables ${name} wrote`).toEqual(expect.arrayContaining([...c.writes].sort()));
      if (c.writes.includes('audit_log')) expect(newestAuditActor()).toBe(caller!.id);
      return;
    }
    const refusal = callerRole !== 'signed out' && entry.roles.includes(callerRole) ? c.refusal : ACCESS_DENIED;
    expect(refusal, `a refusal message for ${callerRole}`).toBeDefined();
    expect(result).toEqual({ ok: false, error: refusal });
    expect(changedTables(before, after)).toEqual([]);
    const answer = JSON.stringify(result);
    for (const text of othersData(caller)) expect(answer, `the refusal names ${text}`).not.toContain(text);
  });
});
