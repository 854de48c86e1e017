import { aggregateTeam, type GroupScore } from '@/lib/scoring';
import { memberState, teamExceptionsOn, type MemberState } from '@/lib/scoring/day';
import { membershipsOn, parametersOn } from '@/lib/scoring/history';
import type { RiskBand } from '@/lib/policy/constants';
import type { AppDatabase } from '../connection';
import { loadEvidenceHistory } from './evidence';

/** Each current membership of `userId`, scored live on `asOf`, with every rule's result. */
export function scorePerson(db: AppDatabase, { userId, asOf }: { userId: number; asOf: Date }): MemberState[] {
  const history = loadEvidenceHistory(db, { userIds: [userId], from: asOf, to: asOf });
  return membershipsOn(history, asOf)
    .sort((a, b) => a.teamId - b.teamId)
    .map((m) => memberState(history, m, asOf));
}

/** A team's members scored live on `asOf`, and the team's roll-up of them. */
export function scoreTeam(db: AppDatabase, { teamId, asOf }: { teamId: number; asOf: Date }): { members: MemberState[]; team: GroupScore } {
  const memberIds = (
    db.$client.prepare('SELECT user_id FROM team_members WHERE team_id = ? AND joined_at <= ? AND (left_at IS NULL OR left_at > ?)').all(teamId, asOf.getTime(), asOf.getTime()) as {
      user_id: number;
    }[]
  ).map((r) => r.user_id);
  const history = loadEvidenceHistory(db, { userIds: memberIds, from: asOf, to: asOf });
  const parameters = parametersOn(history, teamId, asOf);
  const members = membershipsOn(history, asOf)
    .filter((m) => m.teamId === teamId)
    .map((m) => memberState(history, m, asOf, parameters));
  const openExceptions = members.reduce((sum, m) => sum + m.openExceptions, 0) + teamExceptionsOn(history, teamId, asOf);
  return { members, team: aggregateTeam(members, parameters, openExceptions) };
}

/** One group's stored figures for a day. */
export interface SnapshotFigures {
  day: string;
  score: number | null;
  band: RiskBand | null;
  members: number;
  highRisk: number;
  attestationsDue: number;
  attestationsDone: number;
  openExceptions: number;
  ruleFailCounts: Record<string, number>;
}

type SnapshotRow = Omit<SnapshotFigures, 'ruleFailCounts'> & { ruleFailCounts: string };
const FIGURES = `day, score, band, members, high_risk AS highRisk, attestations_due AS attestationsDue,
  attestations_done AS attestationsDone, open_exceptions AS openExceptions, rule_fail_counts AS ruleFailCounts`;
const parse = (row: SnapshotRow): SnapshotFigures => ({ ...row, ruleFailCounts: JSON.parse(row.ruleFailCounts) as Record<string, number> });

/** The organisation's figures on its latest snapshot day at or before `day`, and every team's that day. */
export function latestSnapshot(db: AppDatabase, { day }: { day: string }): { organisation: SnapshotFigures; teams: Map<number, SnapshotFigures> } | null {
  const organisation = db.$client.prepare(`SELECT ${FIGURES} FROM org_score_snapshots WHERE day <= ? ORDER BY day DESC LIMIT 1`).get(day) as SnapshotRow | undefined;
  if (!organisation) return null;
  const rows = db.$client.prepare(`SELECT team_id AS teamId, ${FIGURES} FROM team_score_snapshots WHERE day = ?`).all(organisation.day) as (SnapshotRow & { teamId: number })[];
  return { organisation: parse(organisation), teams: new Map(rows.map(({ teamId, ...row }) => [teamId, parse(row)])) };
}

/** A team's figures on the day a quarter ago (or the nearest earlier day), to show the change. */
export function teamFiguresOn(db: AppDatabase, { teamId, day }: { teamId: number; day: string }): SnapshotFigures | null {
  const row = db.$client.prepare(`SELECT ${FIGURES} FROM team_score_snapshots WHERE team_id = ? AND day <= ? ORDER BY day DESC LIMIT 1`).get(teamId, day) as SnapshotRow | undefined;
  return row ? parse(row) : null;
}
