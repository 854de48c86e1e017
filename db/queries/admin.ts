import type { Role } from '@/lib/auth/roles';
import type { Sector } from '@/lib/policy/constants';
import type { PeopleFilter } from '@/lib/validation/people';
import type { AppDatabase } from '../connection';
import { openPersonalData } from '../personal-keys';
import { findPersonProfile, type PersonProfile } from './users';

/** Reads behind the administrators' people and team pages. Never a password hash: only whether one is set. */

/** One row of the people directory. */
export interface DirectoryRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  jobTitle: string | null;
  active: boolean;
  /** Current teams, by name. */
  teams: string[];
}

/** `%` and `_` in a search are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the people directory, by name, with the total matching: a name or e-mail search (case ignored),
 * and filters by current team, role and status. LIMIT/OFFSET over the users_name_idx order, so a page costs the
 * same whatever the organisation's size; teams are read for the page's people only.
 */
export function listPeople(db: AppDatabase, { filter, pageSize }: { filter: PeopleFilter; pageSize: number }): { rows: DirectoryRow[]; total: number } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.q) {
    where.push("(u.name LIKE @q ESCAPE '\\' OR u.email LIKE @q ESCAPE '\\')");
    params.q = likePattern(filter.q);
  }
  if (filter.team !== undefined) {
    where.push('u.id IN (SELECT user_id FROM team_members WHERE team_id = @team AND left_at IS NULL)');
    params.team = filter.team;
  }
  if (filter.role) {
    where.push('+u.role = @role');
    params.role = filter.role;
  }
  // Unary + keeps SQLite off the role and active indexes (few distinct values): walking users_name_idx in order
  // and stopping at the page's end beats sorting every active person for each page.
  if (filter.status !== 'all') where.push(`+u.active = ${filter.status === 'active' ? 1 : 0}`);
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const sqlite = db.$client;
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM users u ${clause}`).get(params) as { n: number }).n;
  const people = sqlite
    .prepare(`SELECT u.id, u.name, u.email, u.role, u.job_title AS jobTitle, u.active FROM users u ${clause} ORDER BY u.name, u.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: pageSize, offset: (filter.page - 1) * pageSize }) as (Omit<DirectoryRow, 'active' | 'teams'> & { active: number })[];
  const teams = new Map<number, string[]>();
  if (people.length > 0) {
    const rows = sqlite
      .prepare(
        `SELECT m.user_id AS userId, t.name FROM team_members m JOIN teams t ON t.id = m.team_id
         WHERE m.user_id IN (SELECT value FROM json_each(?)) AND m.left_at IS NULL ORDER BY t.name`,
      )
      .all(JSON.stringify(people.map((p) => p.id))) as { userId: number; name: string }[];
    for (const row of rows) teams.set(row.userId, [...(teams.get(row.userId) ?? []), row.name]);
  }
  return { rows: people.map((p) => ({ ...p, active: p.active === 1, teams: teams.get(p.id) ?? [] })), total };
}

/** A person as the administrator's page shows them. */
export interface AdminPerson extends PersonProfile {
  /** Every membership, current first, with whether they manage(d) the team during it. */
  memberships: { teamId: number; team: string; sector: Sector; joinedAt: Date; leftAt: Date | null; managerNow: boolean }[];
  /** Every period of management. */
  managements: { teamId: number; team: string; since: Date; until: Date | null }[];
}

/** The person with `userId` for the administrators' page, or null. */
export function findAdminPerson(db: AppDatabase, { userId }: { userId: number }): AdminPerson | null {
  const sqlite = db.$client;
  const row = findPersonProfile(db, { userId });
  if (!row) return null;
  const managements = (
    sqlite
      .prepare('SELECT tm.team_id AS teamId, t.name AS team, tm.since, tm.until FROM team_managers tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = ? ORDER BY tm.since DESC')
      .all(userId) as { teamId: number; team: string; since: number; until: number | null }[]
  ).map((m) => ({ ...m, since: new Date(m.since), until: m.until === null ? null : new Date(m.until) }));
  const memberships = (
    sqlite
      .prepare(
        `SELECT m.team_id AS teamId, t.name AS team, t.sector, m.joined_at AS joinedAt, m.left_at AS leftAt FROM team_members m JOIN teams t ON t.id = m.team_id
         WHERE m.user_id = ? ORDER BY m.left_at IS NOT NULL, m.joined_at DESC`,
      )
      .all(userId) as { teamId: number; team: string; sector: Sector; joinedAt: number; leftAt: number | null }[]
  ).map((m) => ({
    ...m,
    joinedAt: new Date(m.joinedAt),
    leftAt: m.leftAt === null ? null : new Date(m.leftAt),
    managerNow: m.leftAt === null && managements.some((g) => g.teamId === m.teamId && g.until === null),
  }));
  return { ...row, memberships, managements };
}

/** An audit entry as the history lists show it. */
export interface HistoryEntry {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  summary: Record<string, unknown>;
}

/** The newest audit entries about one record ('user' or 'team'), newest first (audit_log_target_idx). */
export function listRecordHistory(db: AppDatabase, { targetType, targetId, limit = 100 }: { targetType: 'user' | 'team'; targetId: number; limit?: number }): HistoryEntry[] {
  return openPersonalData(db, (
    db.$client
      .prepare(
        `SELECT a.id, a.at, a.action, u.name AS actorName, a.summary FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         WHERE a.target_type = ? AND a.target_id = ? ORDER BY a.id DESC LIMIT ?`,
      )
      .all(targetType, String(targetId), limit) as { id: number; at: number; action: string; actorName: string | null; summary: string }[]
  ).map((e) => ({ ...e, at: new Date(e.at), summary: JSON.parse(e.summary) as Record<string, unknown> })));
}

/** A team as the administrators' list shows it. */
export interface AdminTeamRow {
  id: number;
  name: string;
  sector: Sector;
  policyPackId: Sector;
  members: number;
  managers: string[];
}

/** Every team by name with its sector, pack, number of active current members and current managers. */
export function listAdminTeams(db: AppDatabase): AdminTeamRow[] {
  const sqlite = db.$client;
  const teams = sqlite
    .prepare(
      `SELECT t.id, t.name, t.sector, t.policy_pack_id AS policyPackId,
         (SELECT count(*) FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = t.id AND m.left_at IS NULL AND u.active = 1) AS members
       FROM teams t ORDER BY t.name`,
    )
    .all() as Omit<AdminTeamRow, 'managers'>[];
  const managers = sqlite
    .prepare('SELECT tm.team_id AS teamId, u.name FROM team_managers tm JOIN users u ON u.id = tm.user_id WHERE tm.until IS NULL ORDER BY u.name')
    .all() as { teamId: number; name: string }[];
  return teams.map((t) => ({ ...t, managers: managers.filter((m) => m.teamId === t.id).map((m) => m.name) }));
}

/** One team with its sector and pack, or null. */
export function findAdminTeam(db: AppDatabase, { teamId }: { teamId: number }): Omit<AdminTeamRow, 'members' | 'managers'> | null {
  return (
    (db.$client.prepare('SELECT id, name, sector, policy_pack_id AS policyPackId FROM teams WHERE id = ?').get(teamId) as Omit<AdminTeamRow, 'members' | 'managers'> | undefined) ?? null
  );
}

/** An applied HR import, with what it changed (from its audit entry). */
export interface HrImportHistoryRow {
  id: number;
  startedAt: Date;
  actorName: string | null;
  fileName: string | null;
  fileSha256: string | null;
  rowsRead: number;
  mode: string | null;
  counts: { created: number; updated: number; reactivated: number; deactivated: number; unchanged: number; teamsCreated: number } | null;
}

/** The newest applied HR imports, newest first. */
export function listHrImports(db: AppDatabase, { limit = 50 }: { limit?: number } = {}): HrImportHistoryRow[] {
  return (
    db.$client
      .prepare(
        `SELECT i.id, i.started_at AS startedAt, u.name AS actorName, i.file_name AS fileName, i.file_sha256 AS fileSha256, i.rows_read AS rowsRead, a.summary
         FROM imports i LEFT JOIN users u ON u.id = i.actor_id
         LEFT JOIN audit_log a ON a.target_type = 'import' AND a.target_id = CAST(i.id AS TEXT) AND a.action = 'people.import'
         WHERE i.format = 'hr' ORDER BY i.started_at DESC, i.id DESC LIMIT ?`,
      )
      .all(limit) as (Omit<HrImportHistoryRow, 'startedAt' | 'mode' | 'counts'> & { startedAt: number; summary: string | null })[]
  ).map(({ summary, ...row }) => {
    const parsed = summary ? (JSON.parse(summary) as Record<string, unknown>) : null;
    return {
      ...row,
      startedAt: new Date(row.startedAt),
      mode: typeof parsed?.mode === 'string' ? parsed.mode : null,
      counts: parsed ? (parsed as unknown as HrImportHistoryRow['counts']) : null,
    };
  });
}
