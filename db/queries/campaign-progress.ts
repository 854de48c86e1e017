import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../connection';
import { campaignCovers, type CampaignWithAudience } from './campaigns';
import { scoreTeam } from './scores';

/** Where one member stands on a campaign. */
export type MemberProgressStatus = 'on_time' | 'late' | 'due' | 'overdue';

/** One member's line of the progress page and CSV. */
export interface MemberProgress {
  userId: number;
  name: string;
  email: string;
  teamId: number;
  teamName: string;
  status: MemberProgressStatus;
  /** First signature for the campaign, then the latest (a correction), or null. */
  firstSubmittedAt: Date | null;
  lastSubmittedAt: Date | null;
  records: number;
  /** Rule X6 failure: the attestation contradicts the device inventory (its reason), or null. */
  contradiction: string | null;
}

/** One team's completion figures. */
export interface TeamProgress {
  teamId: number;
  teamName: string;
  members: number;
  submitted: number;
  overdue: number;
  contradictions: number;
}

/**
 * Completion of `campaign` by team and by member, for the teams in `scope` that are in its audience, as of
 * `asOf`: who signed (on time or late), who is due or overdue, and whose answers contradict the inventory
 * (rule X6 failing when scored live; skipped with `contradictions: false`, which is much cheaper). Members are the
 * active current members of each team.
 */
export function campaignProgress(
  db: AppDatabase,
  { campaign, scope, asOf, contradictions: check = true }: { campaign: CampaignWithAudience; scope: 'all' | readonly number[]; asOf: Date; contradictions?: boolean },
): { teams: TeamProgress[]; members: MemberProgress[] } {
  const rows = db.all<{ userId: number; name: string; email: string; teamId: number; teamName: string; first: number | null; last: number | null; records: number }>(sql`
    SELECT u.id AS userId, u.name, u.email, t.id AS teamId, t.name AS teamName,
      min(a.submitted_at) AS first, max(a.submitted_at) AS last, count(a.id) AS records
    FROM team_members m
    JOIN users u ON u.id = m.user_id AND u.active = 1
    JOIN teams t ON t.id = m.team_id
    LEFT JOIN attestations a ON a.user_id = u.id AND a.campaign_id = ${campaign.id}
    WHERE m.left_at IS NULL
    GROUP BY t.id, u.id
    ORDER BY t.name, u.name`);
  const inScope = rows.filter((r) => campaignCovers(campaign, r.teamId) && (scope === 'all' || scope.includes(r.teamId)));
  const contradictions = new Map<string, string>();
  for (const teamId of check ? new Set(inScope.map((r) => r.teamId)) : []) {
    for (const member of scoreTeam(db, { teamId, asOf }).members) {
      const x6 = member.results.find((r) => r.ruleId === 'X6');
      if (x6?.status === 'fail') contradictions.set(`${teamId}:${member.userId}`, x6.reason);
    }
  }
  const members: MemberProgress[] = inScope.map((r) => {
    const first = r.first === null ? null : new Date(r.first);
    const status: MemberProgressStatus = first ? (first < campaign.dueAt ? 'on_time' : 'late') : asOf >= campaign.dueAt ? 'overdue' : 'due';
    return {
      userId: r.userId, name: r.name, email: r.email, teamId: r.teamId, teamName: r.teamName, status,
      firstSubmittedAt: first, lastSubmittedAt: r.last === null ? null : new Date(r.last), records: r.records,
      contradiction: contradictions.get(`${r.teamId}:${r.userId}`) ?? null,
    };
  });
  const teams = new Map<number, TeamProgress>();
  for (const m of members) {
    const team = teams.get(m.teamId) ?? { teamId: m.teamId, teamName: m.teamName, members: 0, submitted: 0, overdue: 0, contradictions: 0 };
    team.members += 1;
    if (m.firstSubmittedAt) team.submitted += 1;
    if (m.status === 'overdue') team.overdue += 1;
    if (m.contradiction) team.contradictions += 1;
    teams.set(m.teamId, team);
  }
  return { teams: [...teams.values()], members };
}

/** Human label of a member's status. */
export const PROGRESS_STATUS_LABELS: Readonly<Record<MemberProgressStatus, string>> = {
  on_time: 'Signed',
  late: 'Signed late',
  due: 'Due',
  overdue: 'Overdue',
};
