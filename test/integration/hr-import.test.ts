import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { applyHrImport, type HrBatch } from '@/db/commands/hr-import';
import { listHrImports } from '@/db/queries/admin';
import { listImports } from '@/db/queries/imports';
import { createSeededDatabase } from '../helpers/database';
import { prepareHrImport } from '@/lib/import/hr';
import type { SessionUser } from '@/db/queries/users';

// The server action reads the app's database handle and the session: both are replaced here.
vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db: appDb } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { importPeople } = await import('@/lib/actions/hr-import');

const fixture = (name: string) => fs.readFileSync(path.join('test/fixtures/hr', name));
const NOW = new Date('2026-11-23T12:00:00Z');

/** Every table an HR import may write, for "nothing changed" comparisons. */
function contents(db: ReturnType<typeof createSeededDatabase>) {
  const all = (sql: string) => db.$client.prepare(sql).all();
  return {
    users: all('SELECT * FROM users ORDER BY id'),
    teams: all('SELECT * FROM teams ORDER BY id'),
    members: all('SELECT * FROM team_members ORDER BY id'),
    managers: all('SELECT * FROM team_managers ORDER BY id'),
    imports: all('SELECT * FROM imports ORDER BY id'),
    audit: all('SELECT id FROM audit_log ORDER BY id'),
  };
}

function batch(file: string, options: Partial<Pick<HrBatch, 'mode' | 'deactivateMissing'>> = {}): HrBatch {
  const prepared = prepareHrImport(fixture(file));
  if (!prepared.ok) throw new Error(prepared.error);
  return {
    fileName: file, fileSha256: 'a'.repeat(64), rowsRead: prepared.rowsRead, records: prepared.records, rowErrors: prepared.errors,
    hasManagerColumn: prepared.columns.managerEmail !== null, columns: prepared.columns, mode: 'partial', deactivateMissing: false, ...options,
  };
}

function setup() {
  const db = createSeededDatabase();
  const id = (email: string) => (db.$client.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;
  const teamsOf = (email: string) =>
    (db.$client.prepare('SELECT t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ? AND m.left_at IS NULL ORDER BY t.name').all(id(email)) as { name: string }[]).map((r) => r.name);
  const managersOf = (team: string) =>
    (db.$client.prepare('SELECT u.email FROM team_managers tm JOIN users u ON u.id = tm.user_id JOIN teams t ON t.id = tm.team_id WHERE t.name = ? AND tm.until IS NULL ORDER BY u.email').all(team) as { email: string }[]).map((r) => r.email);
  return { db, id, teamsOf, managersOf, admin: { id: id('admin@northbridge.example') } };
}

describe('a good HR file', () => {
  const { db, id, teamsOf, managersOf, admin } = setup();

  it('previews without writing anything', () => {
    const before = contents(db);
    const result = applyHrImport(db, admin, batch('good.csv'), { now: NOW, dryRun: true });
    expect(result).toMatchObject({ ok: true, importId: 0, counts: { created: 3, updated: 2, unchanged: 0, deactivated: 0, teamsCreated: 1 } });
    expect(contents(db)).toEqual(before);
  });

  it('applies in one go: new people and team, a move that keeps history, managers who are members', () => {
    const oldMembership = db.$client.prepare('SELECT id FROM team_members WHERE user_id = ? AND left_at IS NULL').get(id('staff@northbridge.example')) as { id: number };
    const result = applyHrImport(db, admin, batch('good.csv'), { now: NOW });
    expect(result).toMatchObject({ ok: true, counts: { created: 3, updated: 2, teamsCreated: 1 } });
    expect(db.$client.prepare("SELECT name, sector, policy_pack_id FROM teams WHERE name = 'Sanctions Desk'").get()).toEqual({ name: 'Sanctions Desk', sector: 'finance', policy_pack_id: 'finance' });
    expect(db.$client.prepare("SELECT name, role, job_title, password_hash FROM users WHERE email = 'nadia.quist@northbridge.example'").get()).toEqual({ name: 'Nadia Quist', role: 'staff', job_title: 'Trader', password_hash: null });
    expect(teamsOf('tom.okoro@northbridge.example')).toEqual(['Sanctions Desk']);
    expect(teamsOf('staff@northbridge.example')).toEqual(['Litigation']);
    expect(db.$client.prepare('SELECT left_at FROM team_members WHERE id = ?').get(oldMembership.id)).toEqual({ left_at: NOW.getTime() });
    expect(teamsOf('manager@northbridge.example')).toEqual(['Equities Trading', 'Sanctions Desk']);
    expect(managersOf('Sanctions Desk')).toEqual(['rhea.lindqvist@northbridge.example']);
    expect(managersOf('Equities Trading')).toEqual(['manager@northbridge.example']);
    const entries = db.$client.prepare("SELECT action, target_id FROM audit_log WHERE action LIKE 'user.import.%' OR action = 'people.import'").all();
    expect(entries).toHaveLength(6);
    expect(db.$client.prepare("SELECT format, rows_read, rows_accepted FROM imports WHERE format = 'hr'").all()).toEqual([{ format: 'hr', rows_read: 5, rows_accepted: 5 }]);
    // HR imports have their own history; the device import history leaves them out.
    expect(listHrImports(db)).toMatchObject([{ fileName: 'good.csv', mode: 'partial', counts: { created: 3, updated: 2, teamsCreated: 1 } }]);
    expect(listImports(db, { kind: 'people' }).map((i) => i.format)).toEqual(['hr']);
    expect(listImports(db).some((i) => i.format === 'hr')).toBe(false);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('changes nothing when imported again (only the import history grows)', () => {
    const before = contents(db);
    const result = applyHrImport(db, admin, batch('good.csv'), { now: new Date(NOW.getTime() + 60_000) });
    expect(result).toMatchObject({ ok: true, counts: { created: 0, updated: 0, reactivated: 0, deactivated: 0, unchanged: 5, teamsCreated: 0 } });
    const after = contents(db);
    expect({ ...after, imports: [], audit: [] }).toEqual({ ...before, imports: [], audit: [] });
    expect(after.imports).toHaveLength(before.imports.length + 1);
    expect(after.audit).toHaveLength(before.audit.length + 1);
  });

  it('reads a semicolon-separated file with a BOM and several teams in one cell', () => {
    const result = applyHrImport(db, admin, batch('semicolon-bom.csv'), { now: NOW, dryRun: true });
    expect(result).toMatchObject({ ok: true, counts: { updated: 1 } });
    if (result.ok) expect(result.plan.changes[0]?.details).toEqual(['joins Equities Trading']);
  });
});

describe('a full HR file', () => {
  const { db, id, teamsOf, admin } = setup();
  const active = () => (db.$client.prepare('SELECT count(*) AS n FROM users WHERE active = 1').get() as { n: number }).n;

  it('lists the people missing from it and leaves them alone unless asked', () => {
    const before = active();
    const preview = applyHrImport(db, admin, batch('full.csv', { mode: 'full' }), { now: NOW, dryRun: true });
    expect(preview.ok && preview.plan.missing.length).toBe(before - 4);
    const result = applyHrImport(db, admin, batch('full.csv', { mode: 'full' }), { now: NOW });
    expect(result).toMatchObject({ ok: true, counts: { deactivated: 0 } });
    expect(active()).toBe(before);
  });

  it('deactivates them, ending their memberships and managements, once confirmed', () => {
    const joel = id('joel.varga@northbridge.example');
    const result = applyHrImport(db, admin, batch('full.csv', { mode: 'full', deactivateMissing: true }), { now: NOW });
    expect(result).toMatchObject({ ok: true });
    expect(active()).toBe(4);
    expect(db.$client.prepare('SELECT active, deactivated_at FROM users WHERE id = ?').get(joel)).toEqual({ active: 0, deactivated_at: NOW.getTime() });
    expect(db.$client.prepare('SELECT count(*) AS n FROM team_members WHERE user_id = ? AND left_at IS NULL').get(joel)).toEqual({ n: 0 });
    expect(db.$client.prepare('SELECT until FROM team_managers WHERE user_id = ?').get(joel)).toEqual({ until: NOW.getTime() });
    expect(teamsOf('staff@northbridge.example')).toEqual(['Equities Trading']);
    expect(db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'user.import.deactivate'").get()).toEqual({ n: result.ok ? result.counts.deactivated : -1 });
  });
});

describe('a bad HR file is refused whole, writing nothing', () => {
  const { db, admin } = setup();
  const officer = { id: (db.$client.prepare("SELECT id FROM users WHERE email = 'officer@northbridge.example'").get() as { id: number }).id };

  it.each([
    ['duplicate-emails.csv', 3, 'email', /also on row 2/],
    ['team-without-sector.csv', 2, 'sector', /new team and no row gives its sector/],
    ['manager-not-member.csv', 2, 'manager_email', /not a member of Litigation/],
  ])('%s', (file, row, column, reason) => {
    const before = contents(db);
    const result = applyHrImport(db, admin, batch(file), { now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rowErrors).toContainEqual({ row, column, reason: expect.stringMatching(reason) });
    expect(contents(db)).toEqual(before);
  });

  it('one that would remove the last administrator', () => {
    const before = contents(db);
    // Run by someone other than the administrator, so that only the last-administrator rule is at stake.
    const result = applyHrImport(db, officer, batch('removes-last-admin.csv'), { now: NOW });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('without an active administrator') });
    expect(contents(db)).toEqual(before);
  });

  it('one that changes the importing administrator’s own role', () => {
    const before = contents(db);
    const result = applyHrImport(db, admin, batch('removes-last-admin.csv'), { now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rowErrors).toContainEqual({ row: 2, column: 'role', reason: expect.stringContaining('your own role') });
    expect(contents(db)).toEqual(before);
  });
});

describe('the server action', () => {
  const session = vi.mocked(getSessionUser);
  const person = (email: string): SessionUser => {
    const row = appDb.$client.prepare('SELECT id, email, name, role FROM users WHERE email = ?').get(email) as Pick<SessionUser, 'id' | 'email' | 'name' | 'role'>;
    return { ...row, memberTeamIds: [], managedTeamIds: [] };
  };
  const form = (file: string, fields: Record<string, string>) => {
    const data = new FormData();
    data.append('file', new File([fixture(file)], file, { type: 'text/csv' }));
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    return data;
  };
  beforeEach(() => session.mockReset());

  it.each([
    ['signed out', null],
    ['staff', 'staff@northbridge.example'],
    ['a manager', 'manager@northbridge.example'],
    ['an officer', 'officer@northbridge.example'],
  ])('refuses %s and writes nothing', async (_name, email) => {
    session.mockResolvedValue(email ? person(email) : null);
    const before = contents(appDb);
    expect(await importPeople(null, form('good.csv', { intent: 'confirm', mode: 'partial' }))).toEqual({ ok: false, error: 'You do not have access to this.' });
    expect(contents(appDb)).toEqual(before);
  });

  it('previews, then applies only the previewed file', async () => {
    session.mockResolvedValue(person('admin@northbridge.example'));
    const before = contents(appDb);
    const preview = await importPeople(null, form('good.csv', { intent: 'preview', mode: 'partial' }));
    expect(preview).toMatchObject({ ok: true, stage: 'preview', outcome: { created: 3, updated: 2, newTeams: [{ name: 'Sanctions Desk', sector: 'finance' }], importId: 0 } });
    expect(contents(appDb)).toEqual(before);
    if (!preview?.ok) return;
    const other = await importPeople(null, form('full.csv', { intent: 'confirm', mode: 'partial', previewedSha256: preview.outcome.fileSha256 }));
    expect(other).toMatchObject({ ok: false, error: expect.stringContaining('not the one previewed') });
    expect(contents(appDb)).toEqual(before);
    const applied = await importPeople(null, form('good.csv', { intent: 'confirm', mode: 'partial', previewedSha256: preview.outcome.fileSha256 }));
    expect(applied).toMatchObject({ ok: true, stage: 'applied', outcome: { created: 3 } });
    expect(applied?.ok && applied.outcome.importId).toBeGreaterThan(0);
  });

  it('names the rows at fault in a refused file', async () => {
    session.mockResolvedValue(person('admin@northbridge.example'));
    const result = await importPeople(null, form('duplicate-emails.csv', { intent: 'preview', mode: 'partial' }));
    expect(result).toMatchObject({ ok: false, rowErrors: [{ row: 3, column: 'email' }] });
  });
});
