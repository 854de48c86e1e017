import type Database from 'better-sqlite3';
import { SECTORS, type Sector } from '@/lib/policy/constants';
import { fieldFailure, type ActionResult, type FieldErrors } from '@/lib/validation/action-result';
import type { AddTeamMemberInput, CreateTeamInput, UpdateTeamInput } from '@/lib/validation/teams';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';
import { isCurrentManager, isCurrentMember, managerRoleProblem, startManagement, startMembership, findPersonRow } from './memberships';

/**
 * Administrators' changes to teams: create, rename, sector and policy pack, and adding a member (optionally as
 * a manager) by e-mail. One immediate transaction each, audited with the team as target.
 */

const IMMEDIATE = { behavior: 'immediate' } as const;

/** The sectors the organisation uses (all of them before settings are saved). */
export function sectorsInUse(sqlite: Database.Database): Sector[] {
  const row = sqlite.prepare<[], { sectors: string }>('SELECT sectors_in_use AS sectors FROM organisation WHERE id = 1').get();
  const parsed: unknown = row ? JSON.parse(row.sectors) : SECTORS;
  return SECTORS.filter((s) => Array.isArray(parsed) && parsed.includes(s));
}

function teamProblems(sqlite: Database.Database, input: CreateTeamInput, teamId = 0): FieldErrors {
  const errors: FieldErrors = {};
  const clash = sqlite.prepare<[string, number], { name: string }>('SELECT name FROM teams WHERE lower(name) = lower(?) AND id <> ?').get(input.name, teamId);
  if (clash) errors.name = [`There is already a team called “${clash.name}”.`];
  const inUse = sectorsInUse(sqlite);
  if (!inUse.includes(input.sector)) errors.sector = [`The organisation does not use the ${input.sector} sector: add it in Settings first.`];
  return errors;
}

/** Creates a team with its sector and policy pack. Refuses a name already taken (case ignored) and a sector not in use. */
export function createTeam(db: AppDatabase, actor: Actor, input: CreateTeamInput, { now = new Date() }: CommandOptions = {}): ActionResult<{ teamId: number }> {
  return db.transaction((tx): ActionResult<{ teamId: number }> => {
    const sqlite = db.$client;
    const errors = teamProblems(sqlite, input);
    if (Object.keys(errors).length > 0) return fieldFailure(errors);
    const teamId = Number(
      sqlite.prepare('INSERT INTO teams (name, sector, policy_pack_id, created_at) VALUES (?, ?, ?, ?)').run(input.name, input.sector, input.policyPackId, now.getTime()).lastInsertRowid,
    );
    appendAuditEntry(tx, { actorId: actor.id, action: 'team.create', targetType: 'team', targetId: teamId, at: now, summary: { after: input } });
    return { ok: true, teamId };
  }, IMMEDIATE);
}

/**
 * Renames a team or changes its sector or policy pack. `packChanged`: the members' rules changed, so the
 * caller refreshes today's scores. Nothing is written when nothing differs.
 */
export function updateTeam(db: AppDatabase, actor: Actor, input: UpdateTeamInput, { now = new Date() }: CommandOptions = {}): ActionResult<{ changed: string[]; packChanged: boolean }> {
  return db.transaction((tx): ActionResult<{ changed: string[]; packChanged: boolean }> => {
    const sqlite = db.$client;
    const before = sqlite
      .prepare<[number], { name: string; sector: Sector; policyPackId: Sector }>('SELECT name, sector, policy_pack_id AS policyPackId FROM teams WHERE id = ?')
      .get(input.teamId);
    if (!before) return { ok: false, error: 'That team does not exist.' };
    const { teamId, ...after } = input;
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]);
    if (changed.length === 0) return { ok: true, changed, packChanged: false };
    // A sector no longer offered is kept by teams that already have it; only a change to one is refused.
    const errors = teamProblems(sqlite, input, teamId);
    if (!changed.includes('sector')) delete errors.sector;
    if (Object.keys(errors).length > 0) return fieldFailure(errors);
    sqlite.prepare('UPDATE teams SET name = ?, sector = ?, policy_pack_id = ? WHERE id = ?').run(after.name, after.sector, after.policyPackId, teamId);
    appendAuditEntry(tx, {
      actorId: actor.id, action: 'team.update', targetType: 'team', targetId: teamId, at: now,
      summary: { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) },
    });
    return { ok: true, changed, packChanged: changed.includes('policyPackId') };
  }, IMMEDIATE);
}

/** Adds the active person with `email` to a team from now, and makes them one of its managers when asked. */
export function addTeamMemberByEmail(db: AppDatabase, actor: Actor, { teamId, email, manager }: AddTeamMemberInput, { now = new Date() }: CommandOptions = {}): ActionResult<{ userId: number }> {
  return db.transaction((tx): ActionResult<{ userId: number }> => {
    const sqlite = db.$client;
    const team = sqlite.prepare<[number], { name: string }>('SELECT name FROM teams WHERE id = ?').get(teamId);
    if (!team) return { ok: false, error: 'That team does not exist.' };
    const found = sqlite.prepare<[string], { id: number }>('SELECT id FROM users WHERE email = ? AND active = 1').get(email);
    const person = found ? findPersonRow(sqlite, found.id) : null;
    if (!person) return fieldFailure({ email: ['No active person has that e-mail address.'] });
    const member = isCurrentMember(sqlite, person.id, teamId);
    if (member && (!manager || isCurrentManager(sqlite, person.id, teamId))) {
      return fieldFailure({ email: [`${person.name} is already ${manager ? 'a manager' : 'a member'} of ${team.name}.`] });
    }
    const roleProblem = manager ? managerRoleProblem(person) : null;
    if (roleProblem) return fieldFailure({ email: [roleProblem] });
    if (!member) {
      startMembership(sqlite, person.id, teamId, now);
      appendAuditEntry(tx, { actorId: actor.id, action: 'team.member.add', targetType: 'user', targetId: person.id, at: now, summary: { teamId, team: team.name } });
    }
    if (manager) {
      startManagement(sqlite, person.id, teamId, now);
      appendAuditEntry(tx, { actorId: actor.id, action: 'team.manager.add', targetType: 'user', targetId: person.id, at: now, summary: { teamId, team: team.name } });
    }
    return { ok: true, userId: person.id };
  }, IMMEDIATE);
}
