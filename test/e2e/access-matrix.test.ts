import Database from 'better-sqlite3';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { pages, routeHandlers } from '../helpers/app-surface';
import { Session } from '../helpers/next-server';

/**
 * Every page and route handler of the app, found from the code (test/helpers/app-surface.ts: a new route missing
 * here fails), requested over HTTP by each kind of caller against the production build. An allowed caller gets the
 * page (200, or a redirect into the app); a refused one gets 401, 403 or 404 — or, signed out, the way to sign in —
 * and never the data: neither the name or e-mail the page would show, nor anyone else's name or e-mail, nor the
 * name of a team the caller is not in, nor the model of a device that is not theirs.
 */

const baseUrl = inject('baseUrl');
const database = new Database(inject('databasePath'), { readonly: true });
const one = <T>(sql: string, ...params: unknown[]) => database.prepare(sql).get(...params) as T;

type SignedIn = 'staff' | 'manager' | 'officer' | 'admin';
type Caller = 'signed out' | SignedIn;
const SIGNED_IN: readonly SignedIn[] = ['staff', 'manager', 'officer', 'admin'];
const CALLERS: readonly Caller[] = ['signed out', ...SIGNED_IN];
const EMAILS: Record<SignedIn, string> = {
  staff: 'staff@northbridge.example',
  manager: 'manager@northbridge.example',
  officer: 'officer@northbridge.example',
  admin: 'admin@northbridge.example',
};

// The records each case is about: the caller's own, and someone else's (another person, another team).
const idOf = (email: string) => one<{ id: number }>('SELECT id FROM users WHERE email = ?', email).id;
const staffId = idOf(EMAILS.staff);
const managerId = idOf(EMAILS.manager);
const ownTeam = one<{ id: number; name: string }>('SELECT t.id, t.name FROM team_managers tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = ? AND tm.until IS NULL ORDER BY t.id LIMIT 1', managerId);
const otherTeam = one<{ id: number; name: string }>(
  'SELECT id, name FROM teams WHERE id NOT IN (SELECT team_id FROM team_managers WHERE user_id = ? AND until IS NULL) ORDER BY id LIMIT 1',
  managerId,
);
const memberOf = (teamId: number) =>
  one<{ id: number; email: string; name: string }>(
    `SELECT u.id, u.email, u.name FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ? AND m.left_at IS NULL AND u.active = 1
       AND u.role = 'staff' AND u.id <> ? AND u.id NOT IN (SELECT user_id FROM team_members WHERE team_id = ? AND left_at IS NULL) ORDER BY u.id LIMIT 1`,
    teamId,
    staffId,
    teamId === ownTeam.id ? otherTeam.id : ownTeam.id,
  );
const ownMember = memberOf(ownTeam.id);
const otherPerson = memberOf(otherTeam.id);
// The seeded campaign for every team: other browser tests may add later ones for a single team.
const campaignId = one<{ id: number }>('SELECT id FROM campaigns WHERE opens_at <= ? AND all_teams = 1 ORDER BY opens_at DESC LIMIT 1', Date.now()).id;
const deviceOf = (userId: number) => one<{ id: number; model: string }>(
  'SELECT d.id, v.model FROM devices d JOIN device_versions v ON v.device_id = d.id AND v.valid_to IS NULL WHERE d.owner_id = ? AND d.retired_at IS NULL ORDER BY d.id LIMIT 1',
  userId,
);
const ownDevice = deviceOf(staffId);
const otherDevice = deviceOf(otherPerson.id);
const receiptOf = (userId: number) => one<{ id: number }>('SELECT id FROM attestations WHERE user_id = ? ORDER BY id DESC LIMIT 1', userId).id;
const quarter = one<{ period: string }>('SELECT period FROM campaigns WHERE id = ?', campaignId).period;

interface Case {
  /** What the request is about, for the test's name. */
  about: string;
  path: string;
  allowed: readonly Caller[];
  /** Text the allowed answer carries that no refused answer may contain. */
  secret?: string;
  /** Text an allowed caller's answer must not contain, for answers narrowed to the caller's scope. */
  withheld?: Partial<Record<Caller, string>>;
  method?: 'GET' | 'POST';
}

const OFFICER: readonly Caller[] = ['officer'];
const ADMIN: readonly Caller[] = ['admin'];
const TEAM_VIEWERS: readonly Caller[] = ['manager', 'officer'];

/** Route (its folder under app/, route groups dropped) → the requests checked for it. */
const MATRIX: Record<string, readonly Case[]> = {
  '/': [{ about: 'the role home redirect', path: '/', allowed: SIGNED_IN }],
  '/signin': [{ about: 'the sign-in page', path: '/signin', allowed: CALLERS }],
  '/privacy': [{ about: 'what is collected', path: '/privacy', allowed: SIGNED_IN }],
  '/my': [{ about: 'own compliance', path: '/my', allowed: SIGNED_IN }],
  '/my/devices/new': [{ about: 'register a device', path: '/my/devices/new', allowed: SIGNED_IN }],
  '/my/devices/[deviceId]': [
    { about: "staff's own device", path: `/my/devices/${ownDevice.id}`, allowed: ['staff'] },
    { about: "another person's device", path: `/my/devices/${otherDevice.id}`, allowed: [] },
  ],
  '/attest/[campaignId]': [{ about: "staff's current campaign", path: `/attest/${campaignId}`, allowed: ['staff', 'manager'] }],
  '/attest/receipt/[attestationId]': [
    { about: "staff's own receipt", path: `/attest/receipt/${receiptOf(staffId)}`, allowed: ['staff'] },
    { about: "another person's receipt", path: `/attest/receipt/${receiptOf(otherPerson.id)}`, allowed: [], secret: otherPerson.email },
  ],
  '/teams': [{ about: 'my teams', path: '/teams', allowed: TEAM_VIEWERS }],
  '/teams/[teamId]': [
    { about: "the manager's team", path: `/teams/${ownTeam.id}`, allowed: TEAM_VIEWERS, secret: ownMember.email },
    { about: 'another team', path: `/teams/${otherTeam.id}`, allowed: OFFICER, secret: otherPerson.email },
  ],
  '/people/[userId]': [
    { about: "a member of the manager's team", path: `/people/${ownMember.id}`, allowed: TEAM_VIEWERS, secret: ownMember.email },
    { about: 'a member of another team', path: `/people/${otherPerson.id}`, allowed: OFFICER, secret: otherPerson.email },
  ],
  '/campaigns': [{ about: 'campaigns', path: '/campaigns', allowed: TEAM_VIEWERS }],
  '/campaigns/[campaignId]': [{ about: 'campaign progress', path: `/campaigns/${campaignId}`, allowed: TEAM_VIEWERS }],
  '/campaigns/[campaignId]/people/[userId]': [
    { about: "a member of the manager's team", path: `/campaigns/${campaignId}/people/${ownMember.id}`, allowed: TEAM_VIEWERS, secret: ownMember.name },
    { about: 'a member of another team', path: `/campaigns/${campaignId}/people/${otherPerson.id}`, allowed: OFFICER, secret: otherPerson.name },
  ],
  '/organisation': [{ about: 'the organisation dashboard', path: '/organisation', allowed: OFFICER, secret: otherTeam.name }],
  '/policy': [{ about: 'policy packs', path: '/policy', allowed: OFFICER }],
  '/exceptions': [{ about: 'exceptions', path: '/exceptions', allowed: OFFICER }],
  '/imports': [{ about: 'device import', path: '/imports', allowed: OFFICER }],
  '/imports/history': [{ about: 'import history', path: '/imports/history', allowed: OFFICER }],
  '/imports/template': [{ about: 'the import template', path: '/imports/template', allowed: OFFICER }],
  '/campaigns/outbox': [{ about: 'the reminder outbox', path: '/campaigns/outbox', allowed: OFFICER }],
  '/audit': [{ about: 'the audit log', path: '/audit', allowed: OFFICER }],
  '/settings': [{ about: 'organisation settings', path: '/settings', allowed: ADMIN }],
  '/admin/people': [{ about: 'the people directory', path: `/admin/people?q=${encodeURIComponent(otherPerson.email)}`, allowed: ADMIN, secret: otherPerson.email }],
  '/admin/people/new': [{ about: 'a new person', path: '/admin/people/new', allowed: ADMIN }],
  '/admin/people/[userId]': [{ about: 'a person', path: `/admin/people/${otherPerson.id}`, allowed: ADMIN, secret: otherPerson.email }],
  '/admin/teams': [{ about: 'teams', path: '/admin/teams', allowed: ADMIN }],
  '/admin/teams/[teamId]': [{ about: 'a team', path: `/admin/teams/${otherTeam.id}`, allowed: ADMIN, secret: otherPerson.email }],
  '/admin/hr-import': [{ about: 'the HR import', path: '/admin/hr-import', allowed: ADMIN }],
  '/admin/hr-import/template': [{ about: 'the HR template', path: '/admin/hr-import/template', allowed: ADMIN }],
  '/api/auth/[...nextauth]': [{ about: 'the session endpoint', path: '/api/auth/session', allowed: CALLERS }],
  '/api/my/data': [{ about: 'own data', path: '/api/my/data', allowed: SIGNED_IN }],
  '/api/dashboard/[table]': [
    { about: 'the teams in scope', path: '/api/dashboard/teams', allowed: TEAM_VIEWERS, secret: ownTeam.name, withheld: { manager: otherTeam.name } },
    { about: "the manager's team", path: `/api/dashboard/members?team=${ownTeam.id}`, allowed: TEAM_VIEWERS, secret: ownMember.email },
    { about: 'another team', path: `/api/dashboard/members?team=${otherTeam.id}`, allowed: OFFICER, secret: otherPerson.email },
  ],
  '/api/campaigns/[campaignId]/progress': [{ about: 'campaign progress CSV', path: `/api/campaigns/${campaignId}/progress`, allowed: TEAM_VIEWERS }],
  '/api/audit/export': [{ about: 'the audit log CSV', path: '/api/audit/export', allowed: OFFICER }],
  '/api/reports/teams/[teamId]': [
    { about: "the manager's team", path: `/api/reports/teams/${ownTeam.id}?quarter=${quarter}`, allowed: TEAM_VIEWERS },
    { about: 'another team', path: `/api/reports/teams/${otherTeam.id}?quarter=${quarter}`, allowed: OFFICER },
  ],
  '/api/reports/organisation': [{ about: 'the organisation report', path: `/api/reports/organisation?quarter=${quarter}`, allowed: OFFICER }],
  '/api/reports/archive': [{ about: 'every team, four quarters', path: '/api/reports/archive', allowed: OFFICER }],
  '/api/v1/devices': [
    // The MDM API takes bearer tokens only: a browser session, whoever it belongs to, is not enough.
    { about: 'the device list with a session', path: '/api/v1/devices', allowed: [], secret: otherDevice.model },
    { about: 'a device upload with a session', path: '/api/v1/devices', allowed: [], method: 'POST' },
  ],
};

/** Every page and route handler under app/, as its URL pattern. */
const routesInCode = () => [...pages(), ...routeHandlers()].map((r) => r.route).sort();

/** What no refused answer may contain, whoever asked: other people's names and e-mails, other teams' names, other people's device models. */
function othersData(caller: Caller): string[] {
  const id = caller === 'signed out' ? 0 : idOf(EMAILS[caller]);
  const column = (sql: string, ...params: unknown[]) => (database.prepare(sql).pluck().all(...params) as string[]).filter((text) => text.length >= 4);
  return [
    ...column('SELECT name FROM users WHERE id <> ? UNION SELECT email FROM users WHERE id <> ?', id, id),
    ...column('SELECT name FROM teams WHERE id NOT IN (SELECT team_id FROM team_members WHERE user_id = ? AND left_at IS NULL UNION SELECT team_id FROM team_managers WHERE user_id = ? AND until IS NULL)', id, id),
    ...column(
      `SELECT DISTINCT v.model FROM device_versions v JOIN devices d ON d.id = v.device_id WHERE d.owner_id <> ?
         EXCEPT SELECT v.model FROM device_versions v JOIN devices d ON d.id = v.device_id WHERE d.owner_id = ?`,
      id,
      id,
    ),
  ];
}
const OTHERS_DATA = new Map(CALLERS.map((caller) => [caller, othersData(caller)]));

const sessions = new Map<Caller, Session>();
beforeAll(async () => {
  sessions.set('signed out', new Session(baseUrl));
  for (const caller of SIGNED_IN) {
    const session = new Session(baseUrl);
    await session.signIn(EMAILS[caller], DEMO_PASSWORD);
    sessions.set(caller, session);
  }
});

describe('access matrix', () => {
  it('covers every page and route handler in the code, and nothing that is gone', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(routesInCode());
  });

  const cases = Object.values(MATRIX).flatMap((list) => list.flatMap((c) => CALLERS.map((caller) => [c, caller] as const)));
  it.each(cases.map(([c, caller]) => [`${c.method ?? 'GET'} ${c.path} (${c.about})`, caller, c] as const))('%s as %s', async (_name, caller, c) => {
    const response = await sessions.get(caller)!.fetch(c.path, {
      method: c.method ?? 'GET',
      ...(c.method === 'POST' ? { headers: { 'content-type': 'application/json', origin: baseUrl }, body: '[]' } : {}),
    });
    const body = await response.text();
    const location = response.headers.get('location') ?? '';
    if (c.allowed.includes(caller)) {
      const ok = response.status === 200 || (response.status >= 300 && response.status < 400 && !location.includes('/signin'));
      expect(ok, `${caller} should get ${c.path}: ${response.status} ${location}`).toBe(true);
      if (c.secret) expect(body).toContain(c.secret);
      const withheld = c.withheld?.[caller];
      if (withheld) expect(body).not.toContain(withheld);
    } else {
      const refused = [401, 403, 404].includes(response.status) || (caller === 'signed out' && response.status >= 300 && response.status < 400 && location.includes('/signin'));
      expect(refused, `${caller} should be refused ${c.path}: ${response.status} ${location}`).toBe(true);
      if (c.secret) expect(body).not.toContain(c.secret);
      for (const text of OTHERS_DATA.get(caller)!) expect(body, `the refusal names ${text}`).not.toContain(text);
    }
  });
});
