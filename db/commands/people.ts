import { ROLE_LABELS } from '@/lib/auth/roles';
import { fieldFailure, type ActionResult } from '@/lib/validation/action-result';
import type { AddMembershipInput, ChangeRoleInput, CreatePersonInput, PersonInTeamInput, SetActiveInput, UpdatePersonInput } from '@/lib/validation/people';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import { sealIdentifyingFields } from '../personal-keys';
import type { Actor, CommandOptions } from './actor';
import {
  activeAdminCount,
  canManageTeams,
  currentlyManaged,
  currentTeams,
  endManagement,
  endMembership,
  findPersonRow,
  findTeamRow,
  isCurrentManager,
  isCurrentMember,
  LAST_ADMIN,
  managerRoleProblem,
  startManagement,
  startMembership,
} from './memberships';

/**
 * Administrators' changes to people: create, edit, role, deactivate/reactivate, password, team membership and
 * management. Each runs in one immediate transaction with its audit entry (target: the person) and refuses,
 * writing nothing, what would break an invariant: two people with one e-mail, no active administrator, a
 * manager who is not a member or whose role cannot open team pages. `actor` has been authorised by the caller.
 */

const IMMEDIATE = { behavior: 'immediate' } as const;
const NOT_FOUND = 'That person does not exist.';

function emailTaken(db: AppDatabase, email: string, exceptUserId = 0): string | null {
  const other = db.$client.prepare<[string, number], { name: string; active: number }>('SELECT name, active FROM users WHERE email = ? AND id <> ?').get(email, exceptUserId);
  if (!other) return null;
  return other.active === 1 ? `${other.name} already has this e-mail address.` : `${other.name} (deactivated) already has this e-mail address: reactivate them instead.`;
}

/** Creates a person (with a first team when given); `passwordHash` null means single sign-on only. */
export function createPerson(
  db: AppDatabase,
  actor: Actor,
  input: Omit<CreatePersonInput, 'password'> & { passwordHash: string | null },
  { now = new Date() }: CommandOptions = {},
): ActionResult<{ userId: number }> {
  return db.transaction((tx): ActionResult<{ userId: number }> => {
    const sqlite = db.$client;
    const taken = emailTaken(db, input.email);
    if (taken) return fieldFailure({ email: [taken] });
    const team = input.teamId === undefined ? null : findTeamRow(sqlite, input.teamId);
    if (input.teamId !== undefined && !team) return fieldFailure({ teamId: ['That team does not exist.'] });
    const userId = Number(
      sqlite
        .prepare('INSERT INTO users (email, name, role, password_hash, job_title, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)')
        .run(input.email, input.name, input.role, input.passwordHash, input.jobTitle, now.getTime()).lastInsertRowid,
    );
    if (team) startMembership(sqlite, userId, team.id, now);
    appendAuditEntry(tx, {
      actorId: actor.id, action: 'user.create', targetType: 'user', targetId: userId, at: now,
      summary: { after: sealIdentifyingFields(tx, userId, { email: input.email, name: input.name, role: input.role, jobTitle: input.jobTitle, signIn: input.passwordHash ? 'password' : 'sso', team: team?.name ?? null }) },
    });
    return { ok: true, userId };
  }, IMMEDIATE);
}

/** Edits e-mail, name and job title; `changed` lists the fields that differed (none: nothing written). */
export function updatePerson(db: AppDatabase, actor: Actor, input: UpdatePersonInput, { now = new Date() }: CommandOptions = {}): ActionResult<{ changed: string[] }> {
  return db.transaction((tx): ActionResult<{ changed: string[] }> => {
    const sqlite = db.$client;
    const before = sqlite.prepare<[number], { email: string; name: string; jobTitle: string | null }>('SELECT email, name, job_title AS jobTitle FROM users WHERE id = ?').get(input.userId);
    if (!before) return { ok: false, error: NOT_FOUND };
    const taken = emailTaken(db, input.email, input.userId);
    if (taken) return fieldFailure({ email: [taken] });
    const after = { email: input.email, name: input.name, jobTitle: input.jobTitle };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]);
    if (changed.length === 0) return { ok: true, changed };
    sqlite.prepare('UPDATE users SET email = ?, name = ?, job_title = ? WHERE id = ?').run(after.email, after.name, after.jobTitle, input.userId);
    appendAuditEntry(tx, {
      actorId: actor.id, action: 'user.update', targetType: 'user', targetId: input.userId, at: now,
      summary: {
        before: sealIdentifyingFields(tx, input.userId, Object.fromEntries(changed.map((k) => [k, before[k]]))),
        after: sealIdentifyingFields(tx, input.userId, Object.fromEntries(changed.map((k) => [k, after[k]]))),
      },
    });
    return { ok: true, changed };
  }, IMMEDIATE);
}

/** Changes a person's role. Refuses your own role, the last active administrator, and a manager of teams losing team access. */
export function changeRole(db: AppDatabase, actor: Actor, { userId, role }: ChangeRoleInput, { now = new Date() }: CommandOptions = {}): ActionResult {
  return db.transaction((tx): ActionResult => {
    const sqlite = db.$client;
    const person = findPersonRow(sqlite, userId);
    if (!person) return { ok: false, error: NOT_FOUND };
    if (person.id === actor.id) return fieldFailure({ role: ['You cannot change your own role: ask another administrator.'] });
    if (person.role === role) return fieldFailure({ role: [`${person.name} is already ${ROLE_LABELS[role]}.`] });
    if (person.active && person.role === 'admin' && activeAdminCount(sqlite) <= 1) return fieldFailure({ role: [LAST_ADMIN] });
    const managed = currentlyManaged(sqlite, userId);
    if (managed.length > 0 && !canManageTeams(role)) {
      return fieldFailure({ role: [`${person.name} manages ${managed.map((t) => t.name).join(', ')}; a ${ROLE_LABELS[role]} cannot open team pages. Remove them as manager first.`] });
    }
    sqlite.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, userId);
    appendAuditEntry(tx, { actorId: actor.id, action: 'user.role', targetType: 'user', targetId: userId, at: now, summary: { before: { role: person.role }, after: { role } } });
    return { ok: true };
  }, IMMEDIATE);
}

/**
 * Deactivates a person (active = false, deactivated_at = now, every membership and management ended now: they
 * leave the scores from now on and can no longer sign in) or reactivates one (no teams: add them again).
 * Refuses deactivating yourself or the last active administrator.
 */
export function setPersonActive(db: AppDatabase, actor: Actor, { userId, active }: SetActiveInput, { now = new Date() }: CommandOptions = {}): ActionResult {
  return db.transaction((tx): ActionResult => {
    const sqlite = db.$client;
    const person = findPersonRow(sqlite, userId);
    if (!person) return { ok: false, error: NOT_FOUND };
    if (person.active === active) return { ok: false, error: `${person.name} is already ${active ? 'active' : 'deactivated'}.` };
    if (active) {
      sqlite.prepare('UPDATE users SET active = 1, deactivated_at = NULL WHERE id = ?').run(userId);
      appendAuditEntry(tx, { actorId: actor.id, action: 'user.reactivate', targetType: 'user', targetId: userId, at: now, summary: sealIdentifyingFields(tx, userId, { email: person.email }) });
      return { ok: true };
    }
    if (person.id === actor.id) return { ok: false, error: 'You cannot deactivate yourself: ask another administrator.' };
    if (person.role === 'admin' && activeAdminCount(sqlite) <= 1) return { ok: false, error: LAST_ADMIN };
    const teams = currentTeams(sqlite, userId);
    const managed = currentlyManaged(sqlite, userId);
    for (const team of teams) endMembership(sqlite, userId, team.id, now);
    for (const team of managed) endManagement(sqlite, userId, team.id, now);
    sqlite.prepare('UPDATE users SET active = 0, deactivated_at = ? WHERE id = ?').run(now.getTime(), userId);
    appendAuditEntry(tx, {
      actorId: actor.id, action: 'user.deactivate', targetType: 'user', targetId: userId, at: now,
      summary: { ...sealIdentifyingFields(tx, userId, { email: person.email }), leftTeams: teams.map((t) => t.name), stoppedManaging: managed.map((t) => t.name) },
    });
    return { ok: true };
  }, IMMEDIATE);
}

/** Sets a new password hash, or none (single sign-on only). The audit entry says which, never the hash. */
export function setPersonPassword(db: AppDatabase, actor: Actor, { userId, passwordHash }: { userId: number; passwordHash: string | null }, { now = new Date() }: CommandOptions = {}): ActionResult {
  return db.transaction((tx): ActionResult => {
    const person = findPersonRow(db.$client, userId);
    if (!person) return { ok: false, error: NOT_FOUND };
    db.$client.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
    appendAuditEntry(tx, { actorId: actor.id, action: 'user.sign-in-method', targetType: 'user', targetId: userId, at: now, summary: { signIn: passwordHash ? 'password set' : 'single sign-on only' } });
    return { ok: true };
  }, IMMEDIATE);
}

/**
 * Adds an active person to a team from now; `move` first ends their other memberships (and the managements
 * that go with them), so that moving keeps the old membership as history.
 */
export function addMembership(db: AppDatabase, actor: Actor, { userId, teamId, move }: AddMembershipInput, { now = new Date() }: CommandOptions = {}): ActionResult {
  return db.transaction((tx): ActionResult => {
    const sqlite = db.$client;
    const person = findPersonRow(sqlite, userId);
    if (!person) return { ok: false, error: NOT_FOUND };
    if (!person.active) return { ok: false, error: `${person.name} is deactivated: reactivate them first.` };
    const team = findTeamRow(sqlite, teamId);
    if (!team) return fieldFailure({ teamId: ['That team does not exist.'] });
    if (isCurrentMember(sqlite, userId, teamId)) return fieldFailure({ teamId: [`${person.name} is already a member of ${team.name}.`] });
    const left = move ? currentTeams(sqlite, userId) : [];
    for (const other of left) endMembership(sqlite, userId, other.id, now);
    startMembership(sqlite, userId, teamId, now);
    appendAuditEntry(tx, {
      actorId: actor.id, action: move ? 'team.member.move' : 'team.member.add', targetType: 'user', targetId: userId, at: now,
      summary: { teamId, team: team.name, ...(move ? { leftTeams: left.map((t) => t.name) } : {}) },
    });
    return { ok: true };
  }, IMMEDIATE);
}

/** Ends a person's current membership of a team (and their management of it) from now. */
export function endTeamMembership(db: AppDatabase, actor: Actor, { userId, teamId }: PersonInTeamInput, { now = new Date() }: CommandOptions = {}): ActionResult {
  return db.transaction((tx): ActionResult => {
    const sqlite = db.$client;
    const person = findPersonRow(sqlite, userId);
    const team = findTeamRow(sqlite, teamId);
    if (!person || !team || !isCurrentMember(sqlite, userId, teamId)) return { ok: false, error: 'That person is not a member of that team.' };
    const wasManager = isCurrentManager(sqlite, userId, teamId);
    endMembership(sqlite, userId, teamId, now);
    appendAuditEntry(tx, { actorId: actor.id, action: 'team.member.remove', targetType: 'user', targetId: userId, at: now, summary: { teamId, team: team.name, wasManager } });
    return { ok: true };
  }, IMMEDIATE);
}

/** Makes a current member one of the team's managers from now. A person may manage several teams. */
export function addManager(db: AppDatabase, actor: Actor, { userId, teamId }: PersonInTeamInput, { now = new Date() }: CommandOptions = {}): ActionResult {
  return db.transaction((tx): ActionResult => {
    const sqlite = db.$client;
    const person = findPersonRow(sqlite, userId);
    const team = findTeamRow(sqlite, teamId);
    if (!person || !team) return { ok: false, error: 'That person or team does not exist.' };
    if (!person.active || !isCurrentMember(sqlite, userId, teamId)) return { ok: false, error: `${person.name} is not a member of ${team.name}: add them to the team first.` };
    if (isCurrentManager(sqlite, userId, teamId)) return { ok: false, error: `${person.name} already manages ${team.name}.` };
    const roleProblem = managerRoleProblem(person);
    if (roleProblem) return { ok: false, error: roleProblem };
    startManagement(sqlite, userId, teamId, now);
    appendAuditEntry(tx, { actorId: actor.id, action: 'team.manager.add', targetType: 'user', targetId: userId, at: now, summary: { teamId, team: team.name } });
    return { ok: true };
  }, IMMEDIATE);
}

/** Ends a person's management of a team from now; they stay a member. */
export function removeManager(db: AppDatabase, actor: Actor, { userId, teamId }: PersonInTeamInput, { now = new Date() }: CommandOptions = {}): ActionResult {
  return db.transaction((tx): ActionResult => {
    const sqlite = db.$client;
    const team = findTeamRow(sqlite, teamId);
    if (!team || !isCurrentManager(sqlite, userId, teamId)) return { ok: false, error: 'That person does not manage that team.' };
    endManagement(sqlite, userId, teamId, now);
    appendAuditEntry(tx, { actorId: actor.id, action: 'team.manager.remove', targetType: 'user', targetId: userId, at: now, summary: { teamId, team: team.name } });
    return { ok: true };
  }, IMMEDIATE);
}
