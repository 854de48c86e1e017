import type { RiskBand } from '../policy/constants';
import { bandFor, roundScore, type PersonScore } from './score';

/** Team and organisation roll-ups of person scores. Pure. */

/** A high-risk share at or above this (0–1) makes a group at least 'medium', whatever its score. */
export const HIGH_RISK_SHARE_FOR_MEDIUM = 0.2;

/** One member of a team, with their score and attestation status for the period. */
export interface TeamMemberScore {
  userId: number;
  isSupervisor: boolean;
  personScore: PersonScore;
  /** An attestation is due from this member in the period. */
  attestationDue: boolean;
  /** They have submitted it (only counted when due). */
  attestationDone: boolean;
}

/** A team's or the organisation's roll-up. */
export interface GroupScore {
  /** Weighted mean of member scores (0–100, one decimal); null for no members. */
  score: number | null;
  /** From `score` by the person thresholds, raised to at least 'medium' when `highRiskShare` ≥ 0.2; null for no members. */
  band: RiskBand | null;
  /** Number of members. */
  members: number;
  /** Members whose own band is 'high'. */
  highRiskCount: number;
  /** highRiskCount / members (unweighted, 0–1); 0 for no members. */
  highRiskShare: number;
  attestationsDue: number;
  /** Members who were due and have attested. */
  attestationsDone: number;
  /** attestationsDone / attestationsDue (0–1); 1 when none are due. */
  attestationCompletion: number;
  /** Open exceptions, as given by the caller. */
  openExceptions: number;
  /** Rule id → number of members failing it (waived not counted). */
  ruleFailCounts: Record<string, number>;
}

/** Weighting of supervisors in a group's mean. */
export interface AggregateOptions {
  /** A supervisor counts this many times (values below 1, or not finite, count as 1). */
  supervisorWeight: number;
}

function memberWeight(member: TeamMemberScore, supervisorWeight: number): number {
  const w = Number.isFinite(supervisorWeight) && supervisorWeight > 1 ? supervisorWeight : 1;
  return member.isSupervisor ? w : 1;
}

function roll(weighted: readonly { member: TeamMemberScore; weight: number }[], openExceptions: number): GroupScore {
  const ruleFailCounts: Record<string, number> = {};
  let weightSum = 0;
  let scoreSum = 0;
  let highRiskCount = 0;
  let due = 0;
  let done = 0;
  for (const { member, weight } of weighted) {
    weightSum += weight;
    scoreSum += weight * member.personScore.score;
    if (member.personScore.band === 'high') highRiskCount += 1;
    if (member.attestationDue) {
      due += 1;
      if (member.attestationDone) done += 1;
    }
    for (const ruleId of new Set(member.personScore.failedRuleIds)) {
      ruleFailCounts[ruleId] = (ruleFailCounts[ruleId] ?? 0) + 1;
    }
  }
  const members = weighted.length;
  const highRiskShare = members > 0 ? highRiskCount / members : 0;
  const score = members > 0 ? roundScore(scoreSum / weightSum) : null;
  let band: RiskBand | null = score === null ? null : bandFor(score);
  if (band === 'low' && highRiskShare >= HIGH_RISK_SHARE_FOR_MEDIUM) band = 'medium';
  return {
    score,
    band,
    members,
    highRiskCount,
    highRiskShare,
    attestationsDue: due,
    attestationsDone: done,
    attestationCompletion: due > 0 ? done / due : 1,
    openExceptions,
    ruleFailCounts,
  };
}

/**
 * A team's roll-up: score is the mean of member scores with each supervisor counted `supervisorWeight`
 * times; band from that score by the person thresholds (no critical-fail rule at team level), raised to
 * at least 'medium' when 20 % or more of members are high risk. An empty team has score and band null.
 */
export function aggregateTeam(
  members: readonly TeamMemberScore[],
  options: AggregateOptions,
  openExceptions: number,
): GroupScore {
  return roll(
    members.map((member) => ({ member, weight: memberWeight(member, options.supervisorWeight) })),
    openExceptions,
  );
}

/** One team's members and supervisor weighting, as input to the organisation roll-up. */
export interface TeamInput {
  members: readonly TeamMemberScore[];
  supervisorWeight: number;
}

/**
 * The organisation's roll-up: the weighted mean over all members of all teams (not a mean of team means),
 * with the same band rules as a team. A person in several teams counts once, from their first membership
 * in input order (pass teams in a stable order). `openExceptions` is the organisation's count.
 */
export function aggregateOrganisation(teams: readonly TeamInput[], openExceptions: number): GroupScore {
  const seen = new Set<number>();
  const weighted: { member: TeamMemberScore; weight: number }[] = [];
  for (const team of teams) {
    for (const member of team.members) {
      if (seen.has(member.userId)) continue;
      seen.add(member.userId);
      weighted.push({ member, weight: memberWeight(member, team.supervisorWeight) });
    }
  }
  return roll(weighted, openExceptions);
}
