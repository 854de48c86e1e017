import { describe, expect, it } from 'vitest';
import { getPack } from '../../../lib/policy';
import type { CheckOutcome, PolicyPack, Rule } from '../../../lib/policy/types';
import { activeException, evaluatePerson } from '../../../lib/scoring';
import { AS_OF, buildEvidence, buildException, daysAfter, daysBefore } from '../../helpers/evidence';

function rule(id: string, check: Rule['check']): Rule {
  return { id, title: id, why: '', citation: '', severity: 'high', appliesWhen: '', remediation: [], check };
}

function pack(rules: Rule[]): PolicyPack {
  return { id: 'finance', version: 'test', title: 'test', questions: [], rules };
}

const failing = (reason = 'broken'): CheckOutcome => ({ status: 'fail', reason });

describe('evaluatePerson', () => {
  it('returns one result per rule of the pack, in order', () => {
    const results = evaluatePerson(getPack('government'), buildEvidence({ sector: 'government' }), AS_OF);
    expect(results.map((r) => r.ruleId)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7']);
  });

  it('does not run a switched-off rule', () => {
    let calls = 0;
    const counting = rule('R1', () => {
      calls += 1;
      return failing();
    });
    const evidence = buildEvidence({ parameters: { disabledRules: ['R1'] } });
    expect(evaluatePerson(pack([counting]), evidence, AS_OF)).toEqual([
      { ruleId: 'R1', status: 'not_applicable', severity: 'high', reason: 'Switched off by policy' },
    ]);
    expect(calls).toBe(0);
  });

  it('turns a check that throws into a finding, never a crash or a pass', () => {
    const throwing = rule('R1', () => {
      throw new Error('bad device row');
    });
    expect(evaluatePerson(pack([throwing]), buildEvidence(), AS_OF)[0]).toMatchObject({
      status: 'fail',
      reason: 'Could not be checked: bad device row',
    });
  });

  it('passes asOf through to the checks', () => {
    const seen: Date[] = [];
    evaluatePerson(pack([rule('R1', (_e, asOf) => (seen.push(asOf), failing()))]), buildEvidence(), AS_OF);
    expect(seen).toEqual([AS_OF]);
  });

  it('applies severity overrides to every status', () => {
    const evidence = buildEvidence({ parameters: { severityOverrides: { R1: 'critical', R2: 'low' } } });
    const results = evaluatePerson(
      pack([rule('R1', () => failing()), rule('R2', () => ({ status: 'pass', reason: 'ok' }))]),
      evidence,
      AS_OF,
    );
    expect(results.map((r) => r.severity)).toEqual(['critical', 'low']);
  });

  it.each([
    ['starts now', { startsAt: AS_OF, expiresAt: daysAfter(10) }, 'waived'],
    ['expires now', { startsAt: daysBefore(10), expiresAt: AS_OF }, 'fail'],
    ['expires a millisecond later', { startsAt: daysBefore(10), expiresAt: new Date(AS_OF.getTime() + 1) }, 'waived'],
    ['team scope', { scope: 'team' as const }, 'waived'],
  ])('exception that %s', (_name, overrides, status) => {
    const evidence = buildEvidence({ exceptions: [buildException('R1', overrides)] });
    expect(evaluatePerson(pack([rule('R1', () => failing())]), evidence, AS_OF)[0]?.status).toBe(status);
  });

  it('names the longest-lasting active exception when several apply', () => {
    const exceptions = [
      buildException('R1', { id: 3, reason: 'short', expiresAt: daysAfter(5) }),
      buildException('R1', { id: 9, reason: 'long', expiresAt: new Date('2027-03-31T00:00:00Z') }),
      buildException('R1', { id: 2, reason: 'expired', expiresAt: daysBefore(1) }),
    ];
    const [result] = evaluatePerson(pack([rule('R1', () => failing())]), buildEvidence({ exceptions }), AS_OF);
    expect(result?.reason).toBe('Waived until 2027-03-31: long');
    expect(activeException([...exceptions].reverse(), 'R1', AS_OF)?.id).toBe(9);
  });

  it('leaves not-applicable results alone even with an exception', () => {
    const evidence = buildEvidence({ exceptions: [buildException('R1')] });
    const na = rule('R1', () => ({ status: 'not_applicable', reason: 'n/a' }));
    expect(evaluatePerson(pack([na]), evidence, AS_OF)[0]?.status).toBe('not_applicable');
  });
});
