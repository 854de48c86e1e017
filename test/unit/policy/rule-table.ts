import { describe, expect, it } from 'vitest';
import { getPack } from '../../../lib/policy';
import type { RuleStatus, Sector, Severity } from '../../../lib/policy/constants';
import type { PersonEvidence, Rule } from '../../../lib/policy/types';
import { evaluateRule } from '../../../lib/scoring';
import { AS_OF, buildException, daysAfter, daysBefore } from '../../helpers/evidence';

/**
 * Table-driven harness for one rule. Each case names the evidence and the expected status and reason;
 * from the first failing case it also derives: waived by an active exception, not waived by an expired,
 * future or other-rule exception, switched off by policy, and the severity override. Passing cases are
 * also checked to stay passes with an active exception.
 */

export type RuleCase = readonly [name: string, evidence: PersonEvidence, status: RuleStatus, reason: RegExp];

export interface RuleTable {
  ruleId: string;
  sector: Sector;
  cases: readonly RuleCase[];
  /** Cases where evidence is missing: each must not pass (status given explicitly). */
  missing: readonly RuleCase[];
}

function ruleOf(sector: Sector, ruleId: string): Rule {
  const rule = getPack(sector).rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`No rule ${ruleId} in ${sector}`);
  return rule;
}

/** Runs every case of the table, and the derived exception / switch / override cases. */
export function describeRuleTable(table: RuleTable): void {
  const rule = ruleOf(table.sector, table.ruleId);
  describe(`${table.ruleId} (${table.sector}): ${rule.title}`, () => {
    it.each(table.cases.map((c) => [...c]))('%s', (_name, evidence, status, reason) => {
      const result = evaluateRule(rule, evidence, AS_OF);
      expect(result.status).toBe(status);
      expect(result.reason).toMatch(reason);
      expect(result.ruleId).toBe(table.ruleId);
    });

    it.each(table.missing.map((c) => [...c]))('missing evidence never passes: %s', (_name, evidence, status, reason) => {
      const result = evaluateRule(rule, evidence, AS_OF);
      expect(result.status).not.toBe('pass');
      expect(result.status).toBe(status);
      expect(result.reason).toMatch(reason);
    });

    const statuses = new Set(table.cases.map((c) => c[2]));
    it('has pass and fail cases', () => {
      expect(statuses.has('pass')).toBe(true);
      expect(statuses.has('fail')).toBe(true);
    });

    const failing = table.cases.find((c) => c[2] === 'fail');
    const passing = table.cases.find((c) => c[2] === 'pass');
    if (!failing || !passing) return;
    const [, failEvidence] = failing;

    it('an active exception waives the failure', () => {
      const evidence = { ...failEvidence, exceptions: [buildException(table.ruleId)] };
      const result = evaluateRule(rule, evidence, AS_OF);
      expect(result).toMatchObject({ status: 'waived', reason: 'Waived until 2027-01-31: Client in a jurisdiction without Teams' });
    });

    it.each([
      ['expired', buildException(table.ruleId, { startsAt: daysBefore(90), expiresAt: daysBefore(1) })],
      ['not yet started', buildException(table.ruleId, { startsAt: daysAfter(1), expiresAt: daysAfter(60) })],
      ['for another rule', buildException(table.ruleId === 'X5' ? 'X4' : 'X5')],
    ])('an exception %s does not waive it', (_name, exception) => {
      const result = evaluateRule(rule, { ...failEvidence, exceptions: [exception] }, AS_OF);
      expect(result.status).toBe('fail');
    });

    it('a pass stays a pass with an active exception', () => {
      const [, passEvidence] = passing;
      const result = evaluateRule(rule, { ...passEvidence, exceptions: [buildException(table.ruleId)] }, AS_OF);
      expect(result.status).toBe('pass');
    });

    it('is not applicable when switched off by policy', () => {
      const evidence = { ...failEvidence, parameters: { ...failEvidence.parameters, disabledRules: [table.ruleId] } };
      expect(evaluateRule(rule, evidence, AS_OF)).toMatchObject({ status: 'not_applicable', reason: 'Switched off by policy' });
    });

    it('takes a severity override', () => {
      const severity: Severity = rule.severity === 'low' ? 'critical' : 'low';
      const evidence = {
        ...failEvidence,
        parameters: { ...failEvidence.parameters, severityOverrides: { [table.ruleId]: severity } },
      };
      expect(evaluateRule(rule, evidence, AS_OF)).toMatchObject({ status: 'fail', severity });
      expect(evaluateRule(rule, failEvidence, AS_OF).severity).toBe(rule.severity);
    });
  });
}
