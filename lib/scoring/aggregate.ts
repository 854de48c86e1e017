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

/** A member's weight in their group's mean: `supervisorWeight` for supervisors (at least 1), else 1. */
export function memberWeight(member: Pick<TeamMemberScore, 'isSupervisor'>, supervisorWeight: number): number {
  const w = Number.isFinite(supervisorWeight) && supervisorWeight > 1 ? supervisorWeight : 1;
  return member.isSupervisor ? w : 1;
}

/**
 * Sums over a group's members from which its roll-up follows. Kept as sums so that daily snapshots can
 * add and remove members' contributions between the days their evidence changes.
 */
export interface GroupTotals {
  members: number;
  weightSum: number;
  /** Σ weight × score in tenths of a point: whole numbers for whole weights, so sums never drift. */
  weightedTenthsSum: number;
  highRiskCount: number;
  attestationsDue: number;
  attestationsDone: number;
  ruleFailCounts: Record<string, number>;
}

/** Empty totals. */
export function emptyTotals(): GroupTotals {
  return { members: 0, weightSum: 0, weightedTenthsSum: 0, highRiskCount: 0, attestationsDue: 0, attestationsDone: 0, ruleFailCounts: {} };
}

/** Adds (`sign` 1) or removes (`sign` -1) one member's contribution, weighted `weight`, to `totals` in place. */
export function addMember(totals: GroupTotals, member: TeamMemberScore, weight: number, sign: 1 | -1 = 1): void {
  totals.members += sign;
  totals.weightSum += sign * weight;
  totals.weightedTenthsSum += sign * weight * Math.round(member.personScore.score * 10);
  if (member.personScore.band === 'high') totals.highRiskCount += sign;
  if (member.attestationDue) {
    totals.attestationsDue += sign;
    if (member.attestationDone) totals.attestationsDone += sign;
  }
  for (const ruleId of new Set(member.personScore.failedRuleIds)) {
    const count = (totals.ruleFailCounts[ruleId] ?? 0) + sign;
    if (count === 0) delete totals.ruleFailCounts[ruleId];
    else totals.ruleFailCounts[ruleId] = count;
  }
}

/** Adds `from` into `into` in place (sums over disjoint sets of people, or a day's changes, which may be negative). */
export function mergeTotals(into: GroupTotals, from: GroupTotals): void {
  into.members += from.members;
  into.weightSum += from.weightSum;
  into.weightedTenthsSum += from.weightedTenthsSum;
  into.highRiskCount += from.highRiskCount;
  into.attestationsDue += from.attestationsDue;
  into.attestationsDone += from.attestationsDone;
  for (const [ruleId, count] of Object.entries(from.ruleFailCounts)) {
    const sum = (into.ruleFailCounts[ruleId] ?? 0) + count;
    if (sum === 0) delete into.ruleFailCounts[ruleId];
    else into.ruleFailCounts[ruleId] = sum;
  }
}

/** The roll-up that `totals` describe (see aggregateTeam for the rules). */
export function groupFromTotals(totals: GroupTotals, openExceptions: number): GroupScore {
  const { members } = totals;
  const highRiskShare = members > 0 ? totals.highRiskCount / members : 0;
  const score = members > 0 && totals.weightSum > 0 ? roundScore(totals.weightedTenthsSum / totals.weightSum / 10) : null;
  let band: RiskBand | null = score === null ? null : bandFor(score);
  if (band === 'low' && highRiskShare >= HIGH_RISK_SHARE_FOR_MEDIUM) band = 'medium';
  return {
    score,
    band,
    members,
    highRiskCount: totals.highRiskCount,
    highRiskShare,
    attestationsDue: totals.attestationsDue,
    attestationsDone: totals.attestationsDone,
    attestationCompletion: totals.attestationsDue > 0 ? totals.attestationsDone / totals.attestationsDue : 1,
    openExceptions,
    // Keys in rule-id order, so equal figures always serialise equally.
    ruleFailCounts: Object.fromEntries(Object.entries(totals.ruleFailCounts).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

function roll(weighted: readonly { member: TeamMemberScore; weight: number }[], openExceptions: number): GroupScore {
  const totals = emptyTotals();
  for (const { member, weight } of weighted) addMember(totals, member, weight);
  return groupFromTotals(totals, openExceptions);
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
