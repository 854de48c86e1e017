import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appendAuditEntry } from '@/db/audit';
import type { AppDatabase } from '@/db/connection';
import type { SessionUser } from '@/db/queries/users';
import { NO_AUDIT_FILTERS, parseAuditFilters, type AuditFilters } from '@/lib/validation/audit';

// The export route reads the app's database handle and the session: both are replaced here.
vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db: appDb } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { GET: exportAudit } = await import('@/app/api/audit/export/route');
const { auditChainStatus, countAuditEntries, listAuditActions, listAuditEntries } = await import('@/db/queries/audit-log');
const { createSeededDatabase } = await import('../helpers/database');
const session = vi.mocked(getSessionUser);

const filters = (params: Record<string, string>): AuditFilters => {
  const parsed = parseAuditFilters(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.filters;
};
const idOf = (db: AppDatabase, email: string) => (db.$client.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;

/** Adds a known set of entries on 1–3 March 2026: officer and manager acting on exceptions and devices. */
function addEntries(db: AppDatabase) {
  const officer = idOf(db, 'officer@northbridge.example');
  const manager = idOf(db, 'manager@northbridge.example');
  const entries = [
    { actorId: officer, action: 'exception.grant', targetType: 'exception', targetId: 12, at: '2026-03-01T09:00:00Z', summary: { after: { ruleId: 'FIN-01', reason: 'Trading floor pilot' } } },
    { actorId: manager, action: 'reminder.nudge', targetType: 'user', targetId: 40, at: '2026-03-01T23:59:59Z', summary: { campaignId: 3 } },
    { actorId: officer, action: 'exception.revoke', targetType: 'exception', targetId: 12, at: '2026-03-02T10:00:00Z', summary: { before: { expiresAt: '2026-06-01' }, after: { expiresAt: '2026-03-02' } } },
    { actorId: null, action: 'reminders.queue', targetType: 'reminders', targetId: null, at: '2026-03-03T06:00:00Z', summary: { count: 14 } },
    { actorId: officer, action: 'exception.grant', targetType: 'exception', targetId: 13, at: '2026-03-03T08:00:00Z', summary: { after: { ruleId: 'LAW-02' } } },
  ];
  return db.transaction((tx) => entries.map((e) => appendAuditEntry(tx, { ...e, at: new Date(e.at) }).id), { behavior: 'immediate' });
}

describe('audit log queries', () => {
  let db: AppDatabase;
  let ids: number[];
  beforeEach(() => {
    db = createSeededDatabase();
    ids = addEntries(db);
  });
  const listIds = (f: AuditFilters, more: { beforeId?: number; limit?: number } = {}) => listAuditEntries(db, { filters: f, ...more }).rows.map((r) => r.id);

  it('lists newest first with who did it; the system shows as no actor', () => {
    const { rows } = listAuditEntries(db, { filters: NO_AUDIT_FILTERS, limit: 5 });
    expect(rows.map((r) => r.id)).toEqual([...ids].reverse());
    expect(rows[0]).toMatchObject({ action: 'exception.grant', actorEmail: 'officer@northbridge.example', actorName: 'Olivia Okafor', targetType: 'exception', targetId: '13', summary: { after: { ruleId: 'LAW-02' } } });
    expect(rows[1]).toMatchObject({ actorId: null, actorEmail: null, action: 'reminders.queue' });
  });

  it.each([
    [{ actor: 'OFFICER@' }, [4, 2, 0]],
    [{ actor: 'manager@northbridge' }, [1]],
    [{ actor: 'officer%' }, []],
    [{ action: 'exception.grant' }, [4, 0]],
    [{ target: 'exception' }, [4, 2, 0]],
    [{ target: 'exception:12' }, [2, 0]],
    [{ target: 'user #40' }, [1]],
    [{ from: '2026-03-02' }, [4, 3, 2]],
    [{ to: '2026-03-01' }, [1, 0]],
    [{ from: '2026-03-01', to: '2026-03-01' }, [1, 0]],
    [{ actor: 'officer@', action: 'exception.grant', from: '2026-03-02', to: '2026-03-03' }, [4]],
  ])('filters %j', (params, expected) => {
    const found = listIds(filters(params)).filter((id) => ids.includes(id));
    expect(found).toEqual(expected.map((i) => ids[i]));
    // The seed's own entry (seed.create, by the admin) only ever matches unfiltered actors and dates.
    expect(countAuditEntries(db, { filters: filters(params) })).toBe(listIds(filters(params)).length);
  });

  it('pages by keyset: each page continues below the last, no entry twice or missed', () => {
    const all = listIds(NO_AUDIT_FILTERS, { limit: 100 });
    const seen: number[] = [];
    let beforeId: number | null = null;
    do {
      const page = listAuditEntries(db, { filters: NO_AUDIT_FILTERS, beforeId, limit: 2 });
      expect(page.rows.length).toBeLessThanOrEqual(2);
      seen.push(...page.rows.map((r) => r.id));
      beforeId = page.nextBeforeId;
    } while (beforeId !== null);
    expect(seen).toEqual(all);
    const grants = listAuditEntries(db, { filters: filters({ action: 'exception.grant' }), limit: 1 });
    expect(grants.nextBeforeId).toBe(ids[4]);
    expect(listAuditEntries(db, { filters: filters({ action: 'exception.grant' }), beforeId: grants.nextBeforeId!, limit: 1 })).toEqual({ rows: [expect.objectContaining({ id: ids[0] })], nextBeforeId: null });
  });

  it('bounds a snapshot with upToId', () => {
    expect(listAuditEntries(db, { filters: NO_AUDIT_FILTERS, upToId: ids[1]! }).rows.map((r) => r.id).slice(0, 2)).toEqual([ids[1], ids[0]]);
    expect(countAuditEntries(db, { filters: NO_AUDIT_FILTERS, upToId: 0 })).toBe(0);
  });

  it('lists the distinct actions, sorted', () => {
    expect(listAuditActions(db)).toEqual(['exception.grant', 'exception.revoke', 'reminder.nudge', 'reminders.queue', 'seed.create']);
  });

  it('verifies a short chain on every view, and classifies every problem for the page to show', async () => {
    expect(auditChainStatus(db, { requested: false })).toMatchObject({ check: { ok: true, entries: ids.length + 1, findings: [] }, latestId: ids[4], tooLong: false });
    db.$client.exec('DROP TRIGGER audit_log_refuse_update; DROP TRIGGER audit_log_refuse_delete');
    db.$client.prepare("UPDATE audit_log SET summary = '{\"count\":1}' WHERE id = ?").run(ids[3]);
    db.$client.prepare('DELETE FROM audit_log WHERE id = ?').run(ids[1]);
    const chain = auditChainStatus(db, { requested: false });
    expect(chain.check?.findings.map((f) => [f.kind, f.id])).toEqual([['deleted', ids[1]], ['edited', ids[3]]]);
    expect(chain.check).toMatchObject({ ok: false, entries: ids.length, findingCount: 2 });

    // The page lists each finding with its ids, kind and explanation.
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { createElement } = await import('react');
    const { ChainStatus } = await import('@/components/audit/chain-status');
    const html = renderToStaticMarkup(createElement(ChainStatus, { ...chain, verifyHref: '/audit?verify=1' }));
    expect(html).toContain('Chain broken: 2 problems');
    expect(html).toContain('2 problems: 1 edited, 1 deleted');
    expect(html).toMatch(new RegExp(`#${ids[1]}</span>.*Deleted.*missing: #${ids[2]} links to a hash no entry has`));
    expect(html).toMatch(new RegExp(`#${ids[3]}</span>.*Edited.*content does not match its hash`));
  });
});

describe('audit log CSV export route', () => {
  const userByEmail = (email: string): SessionUser => {
    const u = appDb.$client.prepare('SELECT id, name, role FROM users WHERE email = ?').get(email) as { id: number; name: string; role: SessionUser['role'] };
    return { ...u, email, memberTeamIds: [], managedTeamIds: [] };
  };
  const get = (query = '') => exportAudit(new Request(`http://localhost/api/audit/export${query}`));
  const exports = () => (appDb.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'audit.export'").get() as { n: number }).n;
  addEntries(appDb);
  beforeEach(() => session.mockReset());

  it('refuses the signed-out (401) and everyone but officers (404), writing nothing', async () => {
    session.mockResolvedValue(null);
    expect((await get()).status).toBe(401);
    for (const email of ['manager@northbridge.example', 'staff@northbridge.example', 'admin@northbridge.example']) {
      session.mockResolvedValue(userByEmail(email));
      const response = await get();
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('exception.grant');
    }
    expect(exports()).toBe(0);
  });

  it('gives an officer the filtered entries as CSV, and audits the export', async () => {
    const officer = userByEmail('officer@northbridge.example');
    session.mockResolvedValue(officer);
    const response = await get('?action=exception.grant&target=exception');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="onchannel-audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Entry,When (UTC),Actor e-mail,Actor,Action,Target type,Target id,Changes,Summary (JSON)');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('officer@northbridge.example,Olivia Okafor,exception.grant,exception,13,ruleId: + LAW-02,"{""after"":{""ruleId"":""LAW-02""}}"');
    expect(lines[2]).toContain('2026-03-01T09:00:00.000Z');
    const entry = appDb.$client.prepare("SELECT actor_id, summary FROM audit_log WHERE action = 'audit.export' ORDER BY id DESC").get() as { actor_id: number; summary: string };
    expect(entry.actor_id).toBe(officer.id);
    expect(JSON.parse(entry.summary)).toMatchObject({ filters: { action: 'exception.grant', target: 'exception' }, rows: 2, format: 'csv' });
  });

  it('streams every entry of a long export, in batches, newest first', async () => {
    session.mockResolvedValue(userByEmail('officer@northbridge.example'));
    appDb.transaction((tx) => {
      for (let i = 0; i < 2_100; i++) appendAuditEntry(tx, { actorId: null, action: 'test.bulk', targetType: 'test', targetId: i, summary: { i } });
    }, { behavior: 'immediate' });
    const lines = (await (await get('?action=test.bulk')).text()).trim().split('\r\n');
    expect(lines).toHaveLength(2_101);
    expect(lines[1]).toMatch(/,test,2099,/);
    expect(lines[2_100]).toMatch(/,test,0,/);
  });

  it('refuses malformed filters with 400, naming them, and exports nothing', async () => {
    session.mockResolvedValue(userByEmail('officer@northbridge.example'));
    const before = exports();
    const response = await get('?from=2026-13-01&target=Robert%27);DROP');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(/target: Write the target as a type/);
    expect(body.error).toMatch(/from: Enter a day as YYYY-MM-DD/);
    expect(exports()).toBe(before);
  });
});
