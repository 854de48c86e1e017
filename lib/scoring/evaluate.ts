import { dayKey } from '../time/days';
import type { CheckOutcome, ExceptionFact, PersonEvidence, PolicyPack, Rule, RuleResult } from '../policy/types';

/**
 * Runs a pack's rules over one person's evidence on one day. Pure and deterministic: the same pack,
 * evidence and `asOf` always give deep-equal results, in the pack's rule order.
 */

/** Reason given for a rule switched off in the policy settings. */
export const SWITCHED_OFF_REASON = 'Switched off by policy';

/**
 * The exception that waives `ruleId` on `asOf` (`startsAt <= asOf < expiresAt`), person- or team-scoped.
 * With several, the one lasting longest wins (then the lowest id), so the choice is deterministic.
 */
export function activeException(
  exceptions: readonly ExceptionFact[],
  ruleId: string,
  asOf: Date,
): ExceptionFact | undefined {
  const t = asOf.getTime();
  const active = exceptions.filter(
    (e) => e.ruleId === ruleId && e.startsAt.getTime() <= t && t < e.expiresAt.getTime(),
  );
  return [...active].sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime() || a.id - b.id)[0];
}

function runCheck(rule: Rule, evidence: PersonEvidence, asOf: Date): CheckOutcome {
  try {
    return rule.check(evidence, asOf);
  } catch (error) {
    // Malformed evidence must not crash scoring, and must not pass either: it is a finding.
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'fail', reason: `Could not be checked: ${message}` };
  }
}

/**
 * One rule's result for one person on `asOf`, in this order:
 * 1. severity: the policy's override for the rule, else the rule's own;
 * 2. a rule in `disabledRules` → 'not_applicable', "Switched off by policy" (its check is not run);
 * 3. the check; a check that throws is a 'fail' ("Could not be checked: …");
 * 4. a 'fail' with an active exception → 'waived', "Waived until YYYY-MM-DD: <exception reason>"
 *    (the date is the UTC day of `expiresAt`). A pass stays a pass; expired or future exceptions do nothing.
 */
export function evaluateRule(rule: Rule, evidence: PersonEvidence, asOf: Date): RuleResult {
  const { parameters } = evidence;
  const severity = parameters.severityOverrides[rule.id] ?? rule.severity;
  if (parameters.disabledRules.includes(rule.id)) {
    return { ruleId: rule.id, status: 'not_applicable', severity, reason: SWITCHED_OFF_REASON };
  }
  const outcome = runCheck(rule, evidence, asOf);
  if (outcome.status === 'fail') {
    const exception = activeException(evidence.exceptions, rule.id, asOf);
    if (exception) {
      return {
        ruleId: rule.id,
        status: 'waived',
        severity,
        reason: `Waived until ${dayKey(exception.expiresAt)}: ${exception.reason}`,
      };
    }
  }
  return { ruleId: rule.id, status: outcome.status, severity, reason: outcome.reason };
}

/** Every rule of `pack` evaluated for one person on `asOf` (see `evaluateRule`), in the pack's order. */
export function evaluatePerson(pack: PolicyPack, evidence: PersonEvidence, asOf: Date): RuleResult[] {
  return pack.rules.map((rule) => evaluateRule(rule, evidence, asOf));
}
