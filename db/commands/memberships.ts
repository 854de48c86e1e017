import type Database from 'better-sqlite3';
import { can, ROLE_LABELS, type Role } from '@/lib/auth/roles';

/**
 * The building blocks of people and team changes, shared by the administrators' commands and the HR import.
 * Memberships and managements are periods: they are ended (left_at / until = now), never deleted, so that any
 * past day's teams and supervisors can be rebuilt. Call them inside the change's transaction.
 */

/** A person as membership rules read them. */
export interface PersonRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}

/** The person with `userId`, or null. */
export function findPersonRow(sqlite: Database.Database, userId: number): PersonRow | null {
  const row = sqlite.prepare<[number], Omit<PersonRow, 'active'> & { active: number }>('SELECT id, email, name, role, active FROM users WHERE id = ?').get(userId);
  return row ? { ...row, active: row.active === 1 } : null;
}

/** The team with `teamId` (name and sector), or null. */
export function findTeamRow(sqlite: Database.Database, teamId: number): { id: number; name: string; sector: string } | null {
  return sqlite.prepare<[number], { id: number; name: string; sector: string }>('SELECT id, name, sector FROM teams WHERE id = ?').get(teamId) ?? null;
}

/** Ids and names of the teams `userId` currently belongs to. */
export function currentTeams(sqlite: Database.Database, userId: number): { id: number; name: string }[] {
  return sqlite
    .prepare<[number], { id: number; name: string }>('SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ? AND m.left_at IS NULL ORDER BY t.name')
    .all(userId);
}

/** Ids and names of the teams `userId` currently manages. */
export function currentlyManaged(sqlite: Database.Database, userId: number): { id: number; name: string }[] {
  return sqlite
    .prepare<[number], { id: number; name: string }>('SELECT t.id, t.name FROM team_managers tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = ? AND tm.until IS NULL ORDER BY t.name')
    .all(userId);
}

export function isCurrentMember(sqlite: Database.Database, userId: number, teamId: number): boolean {
  return sqlite.prepare('SELECT 1 FROM team_members WHERE user_id = ? AND team_id = ? AND left_at IS NULL').get(userId, teamId) !== undefined;
}

export function isCurrentManager(sqlite: Database.Database, userId: number, teamId: number): boolean {
  return sqlite.prepare('SELECT 1 FROM team_managers WHERE user_id = ? AND team_id = ? AND until IS NULL').get(userId, teamId) !== undefined;
}

/** Starts a membership at `at`. */
export function startMembership(sqlite: Database.Database, userId: number, teamId: number, at: Date): void {
  sqlite.prepare('INSERT INTO team_members (team_id, user_id, joined_at) VALUES (?, ?, ?)').run(teamId, userId, at.getTime());
}

/** Ends a current membership at `at`, and the person's management of that team with it (managers are members). */
export function endMembership(sqlite: Database.Database, userId: number, teamId: number, at: Date): void {
  sqlite.prepare('UPDATE team_members SET left_at = ? WHERE user_id = ? AND team_id = ? AND left_at IS NULL').run(at.getTime(), userId, teamId);
  endManagement(sqlite, userId, teamId, at);
}

export function startManagement(sqlite: Database.Database, userId: number, teamId: number, at: Date): void {
  sqlite.prepare('INSERT INTO team_managers (team_id, user_id, since) VALUES (?, ?, ?)').run(teamId, userId, at.getTime());
}

export function endManagement(sqlite: Database.Database, userId: number, teamId: number, at: Date): void {
  sqlite.prepare('UPDATE team_managers SET until = ? WHERE user_id = ? AND team_id = ? AND until IS NULL').run(at.getTime(), userId, teamId);
}

/** Number of active administrators: the organisation must never be left with none. */
export function activeAdminCount(sqlite: Database.Database): number {
  return (sqlite.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1").get() as { n: number }).n;
}

/** The refusal when a change would leave no active administrator. */
export const LAST_ADMIN = 'This would leave the organisation without an active administrator: make someone else an administrator first.';

/** Whether a person with `role` can manage a team (see its pages); managers of a team must hold such a role. */
export function canManageTeams(role: Role): boolean {
  return can(role, 'view:team');
}

/** Why `person` cannot become a manager, or null. */
export function managerRoleProblem(person: Pick<PersonRow, 'name' | 'role'>): string | null {
  return canManageTeams(person.role) ? null : `${person.name}’s role is ${ROLE_LABELS[person.role]}, which cannot open team pages: make them a Manager first.`;
}
