import type { RiskBand, RuleStatus, Severity } from '../policy/constants';
import type { RuleResult } from '../policy/types';

/** A person's score from their rule results. Pure. */

/** A score below this (0–100 points) is high risk. */
export const HIGH_RISK_BELOW_SCORE = 70;
/** A score below this (0–100 points), and not high risk, is medium risk. */
export const MEDIUM_RISK_BELOW_SCORE = 90;

/** How many results had each status. */
export type StatusCounts = Record<RuleStatus, number>;

/** One person's score. */
export interface PersonScore {
  /** 0–100, rounded to one decimal; 100 when no rule applies (or every applicable weight is 0). */
  score: number;
  band: RiskBand;
  counts: StatusCounts;
  /** Number of failed rules whose (effective) severity is critical. */
  criticalFails: number;
  /** Ids of failed rules (not waived), in result order. */
  failedRuleIds: readonly string[];
}

/** Rounds a 0–100 score to one decimal place (half away from zero). */
export function roundScore(score: number): number {
  return Math.round(score * 10) / 10;
}

/**
 * The band for a score: any critical fail or score < 70 → 'high'; < 90 → 'medium'; else 'low'.
 * Thresholds are compared against the score as given (pass the rounded score, as `scorePerson` does).
 */
export function bandFor(score: number, hasCriticalFail = false): RiskBand {
  if (hasCriticalFail || score < HIGH_RISK_BELOW_SCORE) return 'high';
  if (score < MEDIUM_RISK_BELOW_SCORE) return 'medium';
  return 'low';
}

/** A severity's weight; anything not a finite non-negative number counts as 0. */
export function weightOf(weights: Readonly<Record<Severity, number>>, severity: Severity): number {
  const w = weights[severity];
  return Number.isFinite(w) && w > 0 ? w : 0;
}

/**
 * Score = 100 × weight(pass + waived) / weight(pass + waived + fail), rounded to one decimal, where each
 * result weighs its severity's weight; not-applicable results are left out. When nothing applicable carries
 * weight the score is 100 (nothing to fail), but the band is still 'high' if a critical rule failed.
 * Invariants: 0 ≤ score ≤ 100; the band is never better than the score's band.
 */
export function scorePerson(results: readonly RuleResult[], weights: Readonly<Record<Severity, number>>): PersonScore {
  const counts: StatusCounts = { pass: 0, fail: 0, waived: 0, not_applicable: 0 };
  let met = 0;
  let applicable = 0;
  let criticalFails = 0;
  const failedRuleIds: string[] = [];
  for (const result of results) {
    counts[result.status] += 1;
    if (result.status === 'not_applicable') continue;
    const w = weightOf(weights, result.severity);
    applicable += w;
    if (result.status === 'fail') {
      failedRuleIds.push(result.ruleId);
      if (result.severity === 'critical') criticalFails += 1;
    } else {
      met += w;
    }
  }
  const score = applicable > 0 ? roundScore((100 * met) / applicable) : 100;
  return { score, band: bandFor(score, criticalFails > 0), counts, criticalFails, failedRuleIds };
}
