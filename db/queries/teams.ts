import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Role } from '@/lib/auth/roles';
import type { Sector } from '@/lib/policy/constants';
import type { AppDatabase } from '../connection';
import { teamManagers, teams, users } from '../schema';

export interface TeamSummary {
  id: number;
  name: string;
  sector: Sector;
  members: number;
  devices: number;
  /** Members who have attested in the current campaign. */
  attested: number;
  managers: string[];
}

/**
 * Every team in `scope` with its current member and device counts and how many members attested in
 * `campaignId`. Counts are over active people with a current membership.
 */
export function listTeamSummaries(
  db: AppDatabase,
  { scope, campaignId }: { scope: 'all' | readonly number[]; campaignId: number | null },
): TeamSummary[] {
  if (scope !== 'all' && scope.length === 0) return [];
  const inScope = scope === 'all' ? sql`1 = 1` : sql`m.team_id IN (SELECT value FROM json_each(${JSON.stringify(scope)}))`;
  // One grouped pass per count over the current memberships of active people: linear in the
  // organisation's size (correlated per-team counts re-read the same members once per team).
  const perTeam = (rows: { teamId: number; n: number }[]) => new Map(rows.map((r) => [r.teamId, r.n]));
  const current = sql`FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.left_at IS NULL AND u.active = 1 AND ${inScope}`;
  const members = perTeam(db.all(sql`SELECT m.team_id AS teamId, count(*) AS n ${current} GROUP BY m.team_id`));
  const devices = perTeam(
    db.all(sql`SELECT m.team_id AS teamId, count(*) AS n FROM devices d JOIN team_members m ON m.user_id = d.owner_id JOIN users u ON u.id = m.user_id
      WHERE d.retired_at IS NULL AND m.left_at IS NULL AND u.active = 1 AND ${inScope} GROUP BY m.team_id`),
  );
  const attested = perTeam(
    db.all(sql`SELECT m.team_id AS teamId, count(*) AS n ${current}
      AND m.user_id IN (SELECT a.user_id FROM attestations a WHERE a.campaign_id = ${campaignId ?? -1}) GROUP BY m.team_id`),
  );
  const teamRows = db
    .select({ id: teams.id, name: teams.name, sector: teams.sector })
    .from(teams)
    .where(scope === 'all' ? undefined : inArray(teams.id, [...scope]))
    .orderBy(asc(teams.sector), asc(teams.name))
    .all();
  const rows = teamRows.map((team) => ({ ...team, members: members.get(team.id) ?? 0, devices: devices.get(team.id) ?? 0, attested: attested.get(team.id) ?? 0 }));
  const managers = db
    .select({ teamId: teamManagers.teamId, name: users.name })
    .from(teamManagers)
    .innerJoin(users, eq(users.id, teamManagers.userId))
    .where(and(isNull(teamManagers.until), scope === 'all' ? undefined : inArray(teamManagers.teamId, [...scope])))
    .orderBy(asc(users.name))
    .all();
  return rows.map((row) => ({ ...row, managers: managers.filter((m) => m.teamId === row.id).map((m) => m.name) }));
}

/** One team's name and sector, or null. */
export function findTeam(db: AppDatabase, { teamId }: { teamId: number }) {
  return db.select({ id: teams.id, name: teams.name, sector: teams.sector }).from(teams).where(eq(teams.id, teamId)).get() ?? null;
}

export interface TeamMemberRow {
  userId: number;
  name: string;
  email: string;
  role: Role;
  jobTitle: string | null;
  isManager: boolean;
  devices: number;
  /** Latest submission in `campaignId`, ms since epoch, or null. */
  attestedAt: number | null;
}

/** The active current members of a team with their device counts and attestation in `campaignId`. */
export function listTeamMembers(db: AppDatabase, { teamId, campaignId }: { teamId: number; campaignId: number | null }): TeamMemberRow[] {
  const rows = db.all<Omit<TeamMemberRow, 'isManager'> & { isManager: number }>(sql`
    SELECT u.id AS userId, u.name, u.email, u.role, u.job_title AS jobTitle,
      EXISTS (SELECT 1 FROM team_managers tm WHERE tm.team_id = m.team_id AND tm.user_id = u.id AND tm.until IS NULL) AS isManager,
      (SELECT count(*) FROM devices d WHERE d.owner_id = u.id AND d.retired_at IS NULL) AS devices,
      (SELECT max(a.submitted_at) FROM attestations a WHERE a.user_id = u.id AND a.campaign_id = ${campaignId ?? -1}) AS attestedAt
    FROM team_members m JOIN users u ON u.id = m.user_id
    WHERE m.team_id = ${teamId} AND m.left_at IS NULL AND u.active = 1
    ORDER BY isManager DESC, u.name`);
  return rows.map((row) => ({ ...row, isManager: row.isManager === 1 }));
}
