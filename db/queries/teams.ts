import { asc, eq, inArray, sql } from 'drizzle-orm';
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
  const filter = scope === 'all' ? sql`1 = 1` : sql`t.id IN (${sql.join(scope.map((id) => sql`${id}`), sql`, `)})`;
  // Each count starts from the team's members (team_members_team_idx), then looks up per person: linear in
  // the organisation's size, whatever the number of attestations.
  const rows = db.all<Omit<TeamSummary, 'managers'>>(sql`
    SELECT t.id, t.name, t.sector,
      (SELECT count(*) FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.team_id = t.id AND m.left_at IS NULL AND u.active = 1) AS members,
      (SELECT count(*) FROM team_members m JOIN users u ON u.id = m.user_id JOIN devices d ON d.owner_id = m.user_id
        WHERE m.team_id = t.id AND m.left_at IS NULL AND u.active = 1 AND d.retired_at IS NULL) AS devices,
      (SELECT count(*) FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.team_id = t.id AND m.left_at IS NULL AND u.active = 1
          AND EXISTS (SELECT 1 FROM attestations a INDEXED BY attestations_user_idx
            WHERE a.user_id = m.user_id AND a.campaign_id = ${campaignId ?? -1})) AS attested
    FROM teams t WHERE ${filter} ORDER BY t.sector, t.name`);
  const managers = db
    .select({ teamId: teamManagers.teamId, name: users.name })
    .from(teamManagers)
    .innerJoin(users, eq(users.id, teamManagers.userId))
    .where(scope === 'all' ? undefined : inArray(teamManagers.teamId, [...scope]))
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
      EXISTS (SELECT 1 FROM team_managers tm WHERE tm.team_id = m.team_id AND tm.user_id = u.id) AS isManager,
      (SELECT count(*) FROM devices d WHERE d.owner_id = u.id AND d.retired_at IS NULL) AS devices,
      (SELECT max(a.submitted_at) FROM attestations a WHERE a.user_id = u.id AND a.campaign_id = ${campaignId ?? -1}) AS attestedAt
    FROM team_members m JOIN users u ON u.id = m.user_id
    WHERE m.team_id = ${teamId} AND m.left_at IS NULL AND u.active = 1
    ORDER BY isManager DESC, u.name`);
  return rows.map((row) => ({ ...row, isManager: row.isManager === 1 }));
}
