import type { PolicyParameters, RuleResult } from '../policy/types';
import { addMember, emptyTotals, groupFromTotals, memberWeight, mergeTotals, type GroupScore, type GroupTotals, type TeamMemberScore } from './aggregate';
import { evaluatePerson } from './evaluate';
import { evidenceOn, exceptionInForce, membershipsOn, packForTeam, parametersOn, type EvidenceHistory, type MembershipRecord } from './history';
import { scorePerson } from './score';

/** One member's standing in one team on one day. */
export interface MemberState extends TeamMemberScore {
  teamId: number;
  results: readonly RuleResult[];
  /** Weight in the team's mean (supervisor weighting of the team's parameters). */
  weight: number;
  /** The person's own exceptions in force that day. */
  openExceptions: number;
}

/** Evaluates one membership on `asOf` (an instant; daily figures use the end of the day). */
export function memberState(history: EvidenceHistory, membership: MembershipRecord, asOf: Date, parameters?: PolicyParameters): MemberState {
  const evidence = evidenceOn(history, membership, asOf, parameters);
  const results = evaluatePerson(packForTeam(history, membership.teamId), evidence, asOf);
  const personScore = scorePerson(results, evidence.parameters.severityWeights);
  return {
    userId: membership.userId,
    teamId: membership.teamId,
    isSupervisor: evidence.isSupervisor,
    personScore,
    results,
    attestationDue: evidence.currentCampaign !== null,
    attestationDone: evidence.currentAttestation !== null,
    weight: memberWeight(evidence, evidence.parameters.supervisorWeight),
    openExceptions: (history.exceptionsByUser.get(membership.userId) ?? []).filter((e) => exceptionInForce(e, asOf)).length,
  };
}

/** Team-scope exceptions in force on `asOf`. */
export function teamExceptionsOn(history: EvidenceHistory, teamId: number, asOf: Date): number {
  return (history.exceptionsByTeam.get(teamId) ?? []).filter((e) => exceptionInForce(e, asOf)).length;
}

/** A group's sums for a day: its members' totals and the exceptions they hold personally. */
export interface GroupSums {
  totals: GroupTotals;
  personalExceptions: number;
}

/** One day's sums per team and for the organisation. Sums over disjoint sets of people merge by addition. */
export interface DaySums {
  teams: Map<number, GroupSums>;
  organisation: GroupSums;
}

/** Empty sums for a group. */
export function emptySums(): GroupSums {
  return { totals: emptyTotals(), personalExceptions: 0 };
}

/** Adds `from` into `into` in place. */
export function mergeSums(into: GroupSums, from: GroupSums): void {
  mergeTotals(into.totals, from.totals);
  into.personalExceptions += from.personalExceptions;
}

/** Adds one day's sums for some people into the sums for others, in place. */
export function mergeDaySums(into: DaySums, from: DaySums): void {
  for (const [teamId, sums] of from.teams) {
    const target = into.teams.get(teamId);
    if (target) mergeSums(target, sums);
    else into.teams.set(teamId, { totals: { ...sums.totals, ruleFailCounts: { ...sums.totals.ruleFailCounts } }, personalExceptions: sums.personalExceptions });
  }
  mergeSums(into.organisation, from.organisation);
}

/** Team-scope exceptions in force on `asOf`, per team. */
export function teamExceptionCounts(history: EvidenceHistory, asOf: Date): Map<number, number> {
  return new Map([...history.teams.keys()].map((teamId) => [teamId, teamExceptionsOn(history, teamId, asOf)]));
}

/** Team and organisation roll-ups from sums and the team-scope exceptions of the day. */
export function figuresFromSums(sums: DaySums, teamExceptions: ReadonlyMap<number, number>): { teams: Map<number, GroupScore>; organisation: GroupScore } {
  let allTeamExceptions = 0;
  const teams = new Map<number, GroupScore>();
  for (const [teamId, exceptions] of teamExceptions) {
    allTeamExceptions += exceptions;
    const group = sums.teams.get(teamId) ?? emptySums();
    teams.set(teamId, groupFromTotals(group.totals, group.personalExceptions + exceptions));
  }
  const organisation = groupFromTotals(sums.organisation.totals, sums.organisation.personalExceptions + allTeamExceptions);
  return { teams, organisation };
}

/**
 * Every member of `history` scored on `asOf`, and the sums of their teams and of the organisation. The
 * organisation counts each person once, from their membership in the team with the lowest id (a stable
 * order shared with the daily snapshots).
 */
export function sumDay(history: EvidenceHistory, asOf: Date): { members: MemberState[]; sums: DaySums } {
  const parametersByTeam = new Map<number, PolicyParameters>();
  const memberships = membershipsOn(history, asOf).sort((a, b) => a.teamId - b.teamId || a.userId - b.userId);
  const members = memberships.map((m) => {
    let parameters = parametersByTeam.get(m.teamId);
    if (!parameters) parametersByTeam.set(m.teamId, (parameters = parametersOn(history, m.teamId, asOf)));
    return memberState(history, m, asOf, parameters);
  });
  const sums: DaySums = { teams: new Map([...history.teams.keys()].map((id) => [id, emptySums()])), organisation: emptySums() };
  const counted = new Set<number>();
  for (const member of members) {
    const team = sums.teams.get(member.teamId)!;
    addMember(team.totals, member, member.weight);
    team.personalExceptions += member.openExceptions;
    if (counted.has(member.userId)) continue;
    counted.add(member.userId);
    addMember(sums.organisation.totals, member, member.weight);
    sums.organisation.personalExceptions += member.openExceptions;
  }
  return { members, sums };
}

/** A day's scores: every member's standing, each team's roll-up and the organisation's. */
export interface DayScores {
  members: MemberState[];
  teams: Map<number, GroupScore>;
  organisation: GroupScore;
}

/** Scores everyone in `history` on `asOf` (see `sumDay`). */
export function scoreDay(history: EvidenceHistory, asOf: Date): DayScores {
  const { members, sums } = sumDay(history, asOf);
  return { members, ...figuresFromSums(sums, teamExceptionCounts(history, asOf)) };
}
