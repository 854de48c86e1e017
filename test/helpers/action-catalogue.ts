import crypto from 'node:crypto';
import { db } from '@/db';
import { createApiToken } from '@/db/commands/api-tokens';
import { attestationContext } from '@/db/commands/attestations';
import { applyExceptionGrant } from '@/db/commands/exceptions';
import { addManager, createPerson } from '@/db/commands/people';
import { registerOwnDevice } from '@/db/commands/own-devices';
import { createTeam } from '@/db/commands/teams';
import type { SessionUser } from '@/db/queries/users';
import type { Role } from '@/lib/auth/roles';
import { TEMPLATE_HEADERS } from '@/lib/import/template';
import type { Question } from '@/lib/policy';
import { dayKey } from '@/lib/time';
import { sessionUserByEmail } from './database';

/**
 * Every server action with valid calls on each kind of record (the caller's own, another person's, their own
 * team's, another team's), the roles each call must succeed for and the tables it writes: shared by the access
 * matrix (which makes every call as every caller) and the fuzz test (which starts from these valid forms). Must
 * be imported where `@/db` is the seeded test database (vi.mock('@/db', () => import('./seeded-app-db'))).
 */

/** Posted fields in order (repeated names kept, as checkboxes post them). */
export type Fields = [string, string | File][];

export interface ActionCase {
  /** Whose record the call is about, for the test's name. */
  about: string;
  /** Roles the call succeeds for. Other roles holding the capability get `refusal` (out of their scope). */
  allowed: readonly Role[];
  /** The answer to a caller who holds the capability but for whom the record is out of scope or not theirs. */
  refusal?: string;
  /**
   * A valid form for `caller`, made afresh for each call: it creates the record the call acts on first when one
   * is needed (before the database is compared), and varies what it posts so that each call changes something.
   */
  form: (caller: SessionUser) => Fields;
  /** Tables that a successful call writes. */
  writes: readonly string[];
}

export interface ActionEntry {
  /** Roles holding the action's capability; anyone else (and the signed out) is refused by the guard. */
  roles: readonly Role[];
  cases: readonly ActionCase[];
}

const sqlite = db.$client;
const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;

/** The seeded people the tests sign in as. */
export const CALLERS: Record<Role, SessionUser> = {
  staff: sessionUserByEmail(db, 'staff@northbridge.example'),
  manager: sessionUserByEmail(db, 'manager@northbridge.example'),
  officer: sessionUserByEmail(db, 'officer@northbridge.example'),
  admin: sessionUserByEmail(db, 'admin@northbridge.example'),
};
const { staff, manager, admin } = CALLERS;

/** The team the manager manages, one they do not, and the open campaign (the seeded quarter). */
export const OWN_TEAM = manager.managedTeamIds[0]!;
export const OTHER_TEAM = one<{ id: number }>(
  'SELECT id FROM teams WHERE id NOT IN (SELECT team_id FROM team_managers WHERE user_id = ? AND until IS NULL) ORDER BY id LIMIT 1',
  manager.id,
).id;
export const CAMPAIGN_ID = one<{ id: number }>('SELECT id FROM campaigns WHERE all_teams = 1 ORDER BY opens_at DESC LIMIT 1').id;

let serial = 0;
/** A number unique to this test file's run: names, e-mails and periods made with it never collide. */
export const next = () => (serial += 1);
const day = (from: Date, days: number) => dayKey(new Date(from.getTime() + days * 86_400_000));

/** A new active person (single sign-on only), optionally a member of `teamId`. */
export function freshPerson(teamId?: number, role: Role = 'staff'): { id: number; email: string; name: string } {
  const n = next();
  const email = `fresh.${n}@northbridge.example`;
  const name = `Fresh Person ${n}`;
  const created = createPerson(db, admin, { email, name, jobTitle: null, role, teamId, passwordHash: null });
  if (!created.ok) throw new Error(created.error);
  return { id: created.userId, email, name };
}

/** A new team (finance). */
export function freshTeam(): { id: number; name: string } {
  const name = `Fresh Team ${next()}`;
  const created = createTeam(db, admin, { name, sector: 'finance', policyPackId: 'finance' });
  if (!created.ok) throw new Error(created.error);
  return { id: created.teamId, name };
}

/** One of `person`'s devices in service, registered now if they have none. */
export function deviceOf(person: Pick<SessionUser, 'id'>): number {
  const found = sqlite.prepare('SELECT id FROM devices WHERE owner_id = ? AND retired_at IS NULL ORDER BY id LIMIT 1').get(person.id) as { id: number } | undefined;
  if (found) return found.id;
  const registered = registerOwnDevice(db, person, { kind: 'phone', ownership: 'byod', model: 'Pixel 7', os: 'android', osVersion: '14', mdmEnrolled: false, encrypted: true, passcode: true, apps: [] });
  if (!registered.ok) throw new Error(registered.error);
  return registered.deviceId;
}

/** A person in a team the manager does not manage (and in none they do), other than the seeded staff member. */
export const OUTSIDER = one<{ id: number; email: string; name: string }>(
  `SELECT u.id, u.email, u.name FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ? AND m.left_at IS NULL AND u.active = 1 AND u.role = 'staff'
     AND u.id NOT IN (SELECT user_id FROM team_members WHERE team_id IN (SELECT value FROM json_each(?)) AND left_at IS NULL) ORDER BY u.id LIMIT 1`,
  OTHER_TEAM,
  JSON.stringify(manager.managedTeamIds),
);
/** A member of the manager's own team other than the manager and the seeded staff member. */
export const OWN_MEMBER = one<{ id: number; email: string; name: string }>(
  `SELECT u.id, u.email, u.name FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ? AND m.left_at IS NULL AND u.active = 1 AND u.role = 'staff' AND u.id NOT IN (?, ?) ORDER BY u.id LIMIT 1`,
  OWN_TEAM,
  manager.id,
  staff.id,
);

/** A valid answer to each question (the first option, the lowest number, a short text). */
export function answerFields(questions: readonly Question[], text = 'None'): Fields {
  return questions.flatMap((q): Fields => {
    const key = `answers.${q.id}`;
    if (q.type === 'yes_no') return [[key, 'no']];
    if (q.type === 'number') return [[key, String(q.min)]];
    if (q.type === 'choice') return [[key, q.options[0]!.value]];
    if (q.type === 'multi_choice') return [];
    return [[key, text]];
  });
}

/** The questions `person` answers in the open campaign (empty when it is not open to them). */
export function questionsOf(person: SessionUser): readonly Question[] {
  return attestationContext(db, person, { campaignId: CAMPAIGN_ID, asOf: new Date() })?.questions ?? [];
}

/** A CSV file as a browser posts it. */
export const csvFile = (text: string, name = 'upload.csv') => new File([text], name, { type: 'text/csv' });
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** A one-device generic CSV for `ownerEmail`, with a model made unique by `n`. */
export function deviceCsv(ownerEmail: string, model: string, externalId = `FZ-${next()}`): string {
  const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const row: Record<string, string> = { owner_email: ownerEmail, external_id: externalId, model, kind: 'phone', ownership: 'corporate', os: 'ios', os_version: '18.1', mdm_enrolled: 'true', encrypted: 'true', passcode: 'true' };
  return `${TEMPLATE_HEADERS.join(',')}\n${TEMPLATE_HEADERS.map((h) => cell(row[h] ?? '')).join(',')}\n`;
}

/** A one-person HR CSV. */
export function peopleCsv(email: string, name: string, team = 'Equities Trading'): string {
  const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
  return `email,name,team,role\n${[email, name, team, 'staff'].map(cell).join(',')}\n`;
}

/** The fields of an import confirmed after its preview: the file and the hash the preview showed. */
export const confirmedImport = (text: string, extra: Fields = []): Fields => [['intent', 'confirm'], ['file', csvFile(text)], ['previewedSha256', sha256(text)], ...extra];

const device = (model: string): Fields => [['kind', 'phone'], ['ownership', 'byod'], ['model', model], ['os', 'android'], ['osVersion', '15'], ['encrypted', 'on'], ['app.signal', 'on']];
const EVERYONE: readonly Role[] = ['staff', 'manager', 'officer', 'admin'];
const TEAM_VIEWERS: readonly Role[] = ['manager', 'officer'];
const OFFICER: readonly Role[] = ['officer'];
const ADMIN: readonly Role[] = ['admin'];
const ATTESTERS: readonly Role[] = ['staff', 'manager'];
const NOT_YOURS = 'That device does not exist.';
const NOT_OPEN = 'This attestation is not open for you.';

/** The exception a revocation case revokes: granted now, on a person of the other team. */
function freshException(): number {
  const today = new Date(dayKey(new Date()));
  const granted = applyExceptionGrant(db, admin, {
    ruleId: 'X5', reason: 'On order', startsAt: today, expiresAt: new Date(today.getTime() + 30 * 86_400_000),
    target: { kind: 'person', email: freshPerson(OTHER_TEAM).email },
  });
  if (!granted.ok) throw new Error(granted.error);
  return granted.exceptionId;
}

/** Action name → its callers and calls. */
export const ACTION_CATALOGUE: Record<string, ActionEntry> = {
  submitAttestation: {
    roles: EVERYONE,
    cases: [{
      about: 'own attestation', allowed: ATTESTERS, refusal: NOT_OPEN, writes: ['attestations', 'audit_log'],
      form: (caller) => [['campaignId', String(CAMPAIGN_ID)], ['signatureName', caller.name], ['confirm', 'on'], ...answerFields(questionsOf(caller), `Reason ${next()}`)],
    }],
  },
  saveDraft: {
    roles: EVERYONE,
    cases: [{
      about: 'own draft', allowed: ATTESTERS, refusal: NOT_OPEN, writes: ['attestation_drafts'],
      form: (caller) => [['campaignId', String(CAMPAIGN_ID)], ['answers.forwarding_days', String(next() % 10)], ...answerFields(questionsOf(caller)).slice(0, 2)],
    }],
  },
  registerDevice: {
    roles: EVERYONE,
    cases: [{ about: 'own device', allowed: EVERYONE, writes: ['devices', 'device_versions', 'device_apps', 'audit_log'], form: () => device(`Pixel ${next()}`) }],
  },
  updateDevice: {
    roles: EVERYONE,
    cases: [
      { about: 'own device', allowed: EVERYONE, writes: ['device_versions', 'audit_log'], form: (caller) => [['deviceId', String(deviceOf(caller))], ...device(`Pixel ${next()}`)] },
      { about: "another person's device", allowed: [], refusal: NOT_YOURS, writes: [], form: () => [['deviceId', String(deviceOf(OUTSIDER))], ...device(`Pixel ${next()}`)] },
      { about: "a device of a member of the manager's team", allowed: [], refusal: NOT_YOURS, writes: [], form: () => [['deviceId', String(deviceOf(OWN_MEMBER))], ...device(`Pixel ${next()}`)] },
    ],
  },
  retireDevice: {
    roles: EVERYONE,
    cases: [
      {
        about: 'own device', allowed: EVERYONE, writes: ['devices', 'audit_log'],
        form: (caller) => {
          const registered = registerOwnDevice(db, caller, { kind: 'tablet', ownership: 'byod', model: `Tab ${next()}`, os: 'android', osVersion: '14', mdmEnrolled: false, encrypted: true, passcode: true, apps: [] });
          if (!registered.ok) throw new Error(registered.error);
          return [['deviceId', String(registered.deviceId)]];
        },
      },
      { about: "another person's device", allowed: [], refusal: NOT_YOURS, writes: [], form: () => [['deviceId', String(deviceOf(OUTSIDER))]] },
      { about: "a device of a member of the manager's team", allowed: [], refusal: NOT_YOURS, writes: [], form: () => [['deviceId', String(deviceOf(OWN_MEMBER))]] },
    ],
  },
  nudgeMember: {
    roles: TEAM_VIEWERS,
    cases: [
      { about: "a member of the manager's team", allowed: TEAM_VIEWERS, writes: ['reminders', 'audit_log'], form: () => [['userId', String(freshPerson(OWN_TEAM).id)], ['campaignId', String(CAMPAIGN_ID)]] },
      {
        about: 'a member of another team', allowed: OFFICER, refusal: 'That person is not in a team you manage.', writes: ['reminders', 'audit_log'],
        form: () => [['userId', String(freshPerson(OTHER_TEAM).id)], ['campaignId', String(CAMPAIGN_ID)]],
      },
    ],
  },
  createCampaign: {
    roles: OFFICER,
    cases: [{
      about: "the manager's team and another team", allowed: OFFICER, writes: ['campaigns', 'campaign_teams', 'audit_log'],
      form: () => [['period', `${2030 + next()}-Q1`], ['name', `Campaign ${next()}`], ['audience', 'teams'], ['teamIds', String(OWN_TEAM)], ['teamIds', String(OTHER_TEAM)], ['opensAt', day(new Date(), 40)], ['dueAt', day(new Date(), 90)]],
    }],
  },
  grantException: {
    roles: OFFICER,
    cases: [
      {
        about: 'a person of another team', allowed: OFFICER, writes: ['exceptions', 'audit_log'],
        form: () => [['waiveFor', 'person'], ['email', freshPerson(OTHER_TEAM).email], ['ruleId', 'X5'], ['reason', `Travel ${next()}`], ['expiresAt', day(new Date(), 30)]],
      },
      {
        about: 'a whole team', allowed: OFFICER, writes: ['exceptions', 'audit_log'],
        form: () => [['waiveFor', 'team'], ['teamId', String(freshTeam().id)], ['ruleId', 'F3'], ['reason', `Handsets ${next()}`], ['expiresAt', day(new Date(), 30)]],
      },
    ],
  },
  revokeException: {
    roles: OFFICER,
    cases: [{ about: 'an exception in force', allowed: OFFICER, writes: ['exceptions', 'audit_log'], form: () => [['exceptionId', String(freshException())]] }],
  },
  importDevices: {
    roles: OFFICER,
    cases: [{
      about: "a device of another team's member", allowed: OFFICER, writes: ['imports', 'devices', 'device_versions', 'audit_log'],
      form: () => confirmedImport(deviceCsv(OUTSIDER.email, `iPhone ${next()}`)),
    }],
  },
  changePolicyParameters: {
    roles: OFFICER,
    cases: [
      { about: 'the organisation', allowed: OFFICER, writes: ['policy_settings', 'audit_log'], form: () => [['teamId', ''], ['note', `Note ${next()}`], ['forwardingWindowDays', String(1 + (next() % 80))]] },
      { about: 'another team', allowed: OFFICER, writes: ['policy_settings', 'audit_log'], form: () => [['teamId', String(OTHER_TEAM)], ['note', `Note ${next()}`], ['forwardingWindowDays', String(1 + (next() % 80))]] },
    ],
  },
  createToken: {
    roles: ADMIN,
    cases: [{ about: 'a new token', allowed: ADMIN, writes: ['api_tokens', 'audit_log'], form: () => [['name', `Sync ${next()}`], ['scopes', 'devices:read'], ['scopes', 'devices:write'], ['expiresInDays', '30']] }],
  },
  revokeToken: {
    roles: ADMIN,
    cases: [{
      about: 'a token in use', allowed: ADMIN, writes: ['api_tokens', 'audit_log'],
      form: () => {
        const token = createApiToken(db, admin, { name: `Old ${next()}`, scopes: ['devices:read'], expiresInDays: 30 });
        if (!token.ok) throw new Error(token.error);
        return [['tokenId', String(one<{ id: number }>('SELECT max(id) AS id FROM api_tokens').id)]];
      },
    }],
  },
  importPeople: {
    roles: ADMIN,
    cases: [{
      about: 'a new person in a team', allowed: ADMIN, writes: ['users', 'team_members', 'imports', 'audit_log'],
      form: () => confirmedImport(peopleCsv(`hr.${next()}@northbridge.example`, `Hr Person ${next()}`), [['mode', 'partial']]),
    }],
  },
  saveOrganisationSettings: {
    roles: ADMIN,
    cases: [{
      about: 'the organisation', allowed: ADMIN, writes: ['organisation', 'audit_log'],
      form: () => [['name', `Northbridge ${next()}`], ['sectorsInUse', 'finance'], ['sectorsInUse', 'law'], ['sectorsInUse', 'government'], ['fiscalYearStartMonth', '1'], ['staleDeviceDays', '30'], ['reminderLeadDays', '7'], ['reminderIntervalDays', '3'], ['retentionYears', '7']],
    }],
  },
  createPersonAction: {
    roles: ADMIN,
    cases: [{
      about: 'a new person', allowed: ADMIN, writes: ['users', 'team_members', 'audit_log'],
      form: () => [['email', `new.${next()}@northbridge.example`], ['name', `New Person ${next()}`], ['jobTitle', 'Analyst'], ['role', 'staff'], ['teamId', String(OTHER_TEAM)], ['signIn', 'sso']],
    }],
  },
  updatePersonAction: {
    roles: ADMIN,
    cases: [{
      about: 'a person of another team', allowed: ADMIN, writes: ['users', 'audit_log'],
      form: () => {
        const person = freshPerson(OTHER_TEAM);
        return [['userId', String(person.id)], ['email', person.email], ['name', `Renamed ${next()}`], ['jobTitle', 'Lead']];
      },
    }],
  },
  changeRoleAction: {
    roles: ADMIN,
    cases: [{ about: 'a person of another team', allowed: ADMIN, writes: ['users', 'audit_log'], form: () => [['userId', String(freshPerson(OTHER_TEAM).id)], ['role', 'manager']] }],
  },
  setPersonActiveAction: {
    roles: ADMIN,
    cases: [{ about: 'a person of another team', allowed: ADMIN, writes: ['users', 'team_members', 'audit_log'], form: () => [['userId', String(freshPerson(OTHER_TEAM).id)], ['active', 'false']] }],
  },
  setPasswordAction: {
    roles: ADMIN,
    cases: [{ about: 'a person of another team', allowed: ADMIN, writes: ['users', 'audit_log'], form: () => [['userId', String(freshPerson(OTHER_TEAM).id)], ['password', `Correct-Horse-${next()}-Battery!`]] }],
  },
  addMembershipAction: {
    roles: ADMIN,
    cases: [{ about: 'a person joining another team', allowed: ADMIN, writes: ['team_members', 'audit_log'], form: () => [['userId', String(freshPerson(OWN_TEAM).id)], ['teamId', String(OTHER_TEAM)]] }],
  },
  endMembershipAction: {
    roles: ADMIN,
    cases: [{ about: 'a member of another team', allowed: ADMIN, writes: ['team_members', 'audit_log'], form: () => [['userId', String(freshPerson(OTHER_TEAM).id)], ['teamId', String(OTHER_TEAM)]] }],
  },
  addManagerAction: {
    roles: ADMIN,
    cases: [{ about: 'a member of another team', allowed: ADMIN, writes: ['team_managers', 'audit_log'], form: () => [['userId', String(freshPerson(OTHER_TEAM, 'manager').id)], ['teamId', String(OTHER_TEAM)]] }],
  },
  removeManagerAction: {
    roles: ADMIN,
    cases: [{
      about: 'a manager of another team', allowed: ADMIN, writes: ['team_managers', 'audit_log'],
      form: () => {
        const person = freshPerson(OTHER_TEAM, 'manager');
        const made = addManager(db, admin, { userId: person.id, teamId: OTHER_TEAM });
        if (!made.ok) throw new Error(made.error);
        return [['userId', String(person.id)], ['teamId', String(OTHER_TEAM)]];
      },
    }],
  },
  createTeamAction: {
    roles: ADMIN,
    cases: [{ about: 'a new team', allowed: ADMIN, writes: ['teams', 'audit_log'], form: () => [['name', `Desk ${next()}`], ['sector', 'law']] }],
  },
  updateTeamAction: {
    roles: ADMIN,
    cases: [{ about: 'another team', allowed: ADMIN, writes: ['teams', 'audit_log'], form: () => [['teamId', String(freshTeam().id)], ['name', `Renamed Desk ${next()}`], ['sector', 'finance']] }],
  },
  addTeamMemberAction: {
    roles: ADMIN,
    cases: [{ about: 'a person joining another team', allowed: ADMIN, writes: ['team_members', 'audit_log'], form: () => [['teamId', String(OTHER_TEAM)], ['email', freshPerson().email]] }],
  },
};
