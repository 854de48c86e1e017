import type { PolicyParameters, RuleResult } from '../policy/types';
import { addMember, emptyTotals, groupFromTotals, memberWeight, type GroupScore, type GroupTotals, type TeamMemberScore } from './aggregate';
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

/** A day's scores: every member's standing, each team's roll-up and the organisation's. */
export interface DayScores {
  members: MemberState[];
  teams: Map<number, GroupScore>;
  organisation: GroupScore;
}

/**
 * Scores everyone in `history` on `asOf`. The organisation counts each person once, from their membership
 * in the team with the lowest id (a stable order shared with the daily snapshots).
 */
export function scoreDay(history: EvidenceHistory, asOf: Date): DayScores {
  const parametersByTeam = new Map<number, PolicyParameters>();
  const memberships = membershipsOn(history, asOf).sort((a, b) => a.teamId - b.teamId || a.userId - b.userId);
  const members = memberships.map((m) => {
    let parameters = parametersByTeam.get(m.teamId);
    if (!parameters) parametersByTeam.set(m.teamId, (parameters = parametersOn(history, m.teamId, asOf)));
    return memberState(history, m, asOf, parameters);
  });

  const teamTotals = new Map<number, { totals: GroupTotals; exceptions: number }>();
  for (const teamId of history.teams.keys()) teamTotals.set(teamId, { totals: emptyTotals(), exceptions: teamExceptionsOn(history, teamId, asOf) });
  const organisation = emptyTotals();
  let organisationExceptions = [...history.teams.keys()].reduce((sum, teamId) => sum + teamTotals.get(teamId)!.exceptions, 0);
  const counted = new Set<number>();
  for (const member of members) {
    const team = teamTotals.get(member.teamId)!;
    addMember(team.totals, member, member.weight);
    team.exceptions += member.openExceptions;
    if (counted.has(member.userId)) continue;
    counted.add(member.userId);
    addMember(organisation, member, member.weight);
    organisationExceptions += member.openExceptions;
  }
  const teams = new Map([...teamTotals].map(([teamId, { totals, exceptions }]) => [teamId, groupFromTotals(totals, exceptions)]));
  return { members, teams, organisation: groupFromTotals(organisation, organisationExceptions) };
}
