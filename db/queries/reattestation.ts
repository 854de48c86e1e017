import { POLICY_PACKS } from '@/lib/policy';
import type { Sector } from '@/lib/policy/constants';
import type { AppDatabase } from '../connection';

/** A team some of whose members last attested against an older version of the team's pack. */
export interface TeamNeedingReattestation {
  teamId: number;
  name: string;
  sector: Sector;
  currentVersion: string;
  /** Current members whose latest attestation answered another version. */
  outdated: number;
  members: number;
}

/**
 * Teams affected by a new pack version: members whose latest attestation (up to `asOf`) was bound to a
 * version other than the one their team's pack has now. People who never attested are the ordinary
 * campaign's concern, not counted here.
 */
export function teamsNeedingReattestation(db: AppDatabase, { asOf }: { asOf: Date }): TeamNeedingReattestation[] {
  const rows = db.$client
    .prepare(
      `SELECT t.id AS teamId, t.name, t.sector, count(*) AS members,
         sum(CASE WHEN latest.pack_version IS NOT NULL AND latest.pack_version != json_extract(@versions, '$.' || t.sector) THEN 1 ELSE 0 END) AS outdated
       FROM team_members m JOIN users u ON u.id = m.user_id AND u.active = 1 JOIN teams t ON t.id = m.team_id
       LEFT JOIN attestations latest ON latest.id = (
         SELECT a.id FROM attestations a WHERE a.user_id = m.user_id AND a.submitted_at <= @asOf ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1)
       WHERE m.joined_at <= @asOf AND (m.left_at IS NULL OR m.left_at > @asOf)
       GROUP BY t.id ORDER BY t.sector, t.name`,
    )
    .all({ asOf: asOf.getTime(), versions: JSON.stringify(Object.fromEntries(Object.entries(POLICY_PACKS).map(([sector, pack]) => [sector, pack.version]))) }) as Omit<
    TeamNeedingReattestation,
    'currentVersion'
  >[];
  return rows.filter((row) => row.outdated > 0).map((row) => ({ ...row, currentVersion: POLICY_PACKS[row.sector].version }));
}
