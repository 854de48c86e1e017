import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_WEIGHTS, type RuleStatus, type Severity } from '../../../lib/policy/constants';
import type { RuleResult } from '../../../lib/policy/types';
import { bandFor, roundScore, scorePerson } from '../../../lib/scoring';

const r = (status: RuleStatus, severity: Severity, ruleId = 'R'): RuleResult => ({ ruleId, status, severity, reason: '' });

describe('bandFor', () => {
  it.each([
    [0, false, 'high'],
    [69.9, false, 'high'],
    [70, false, 'medium'],
    [89.9, false, 'medium'],
    [90, false, 'low'],
    [100, false, 'low'],
    [100, true, 'high'],
    [90, true, 'high'],
  ] as const)('score %d, critical fail %s → %s', (score, critical, band) => {
    expect(bandFor(score, critical)).toBe(band);
  });
});

describe('roundScore', () => {
  it.each([
    [66.666, 66.7],
    [69.94, 69.9],
    [69.95, 70],
    [100, 100],
    [0, 0],
  ])('%d → %d', (score, rounded) => {
    expect(roundScore(score)).toBe(rounded);
  });
});

describe('scorePerson', () => {
  it.each([
    ['all pass', [r('pass', 'critical'), r('pass', 'low')], 100, 'low'],
    ['one high fail among critical pass', [r('pass', 'critical'), r('fail', 'high')], 66.7, 'high'],
    ['medium fail', [r('pass', 'critical'), r('pass', 'high'), r('pass', 'medium'), r('fail', 'medium')], 89.5, 'medium'],
    ['low fail', [r('pass', 'critical'), r('pass', 'high'), r('fail', 'low')], 93.8, 'low'],
    ['waived counts as met', [r('waived', 'critical'), r('pass', 'high')], 100, 'low'],
    ['not applicable is left out', [r('not_applicable', 'critical'), r('fail', 'low'), r('pass', 'medium')], 66.7, 'high'],
    ['critical fail is high risk at any score', [r('fail', 'critical'), ...Array.from({ length: 20 }, () => r('pass', 'critical'))], 95.2, 'high'],
    ['nothing applicable scores 100', [r('not_applicable', 'high')], 100, 'low'],
    ['no results scores 100', [], 100, 'low'],
  ] as const)('%s', (_name, results, score, band) => {
    const s = scorePerson(results, DEFAULT_SEVERITY_WEIGHTS);
    expect(s.score).toBe(score);
    expect(s.band).toBe(band);
  });

  it('counts statuses, critical fails and failed rules (not waived)', () => {
    const s = scorePerson(
      [r('fail', 'critical', 'F1'), r('fail', 'high', 'X1'), r('waived', 'critical', 'F2'), r('pass', 'low', 'X3'), r('not_applicable', 'high', 'F4')],
      DEFAULT_SEVERITY_WEIGHTS,
    );
    expect(s.counts).toEqual({ pass: 1, fail: 2, waived: 1, not_applicable: 1 });
    expect(s.criticalFails).toBe(1);
    expect(s.failedRuleIds).toEqual(['F1', 'X1']);
    expect(s.score).toBe(42.3);
  });

  it('uses the organisation’s weights', () => {
    const results = [r('pass', 'critical'), r('fail', 'low')];
    expect(scorePerson(results, DEFAULT_SEVERITY_WEIGHTS).score).toBe(90.9);
    expect(scorePerson(results, { critical: 1, high: 1, medium: 1, low: 1 }).score).toBe(50);
    expect(scorePerson(results, { ...DEFAULT_SEVERITY_WEIGHTS, low: 0 }).score).toBe(100);
  });

  it('treats invalid weights as zero', () => {
    const results = [r('pass', 'high'), r('fail', 'low')];
    expect(scorePerson(results, { ...DEFAULT_SEVERITY_WEIGHTS, low: -5 }).score).toBe(100);
    expect(scorePerson(results, { ...DEFAULT_SEVERITY_WEIGHTS, low: Number.NaN }).score).toBe(100);
  });

  it('still bands a critical fail high when all weights are zero', () => {
    const s = scorePerson([r('fail', 'critical')], { critical: 0, high: 0, medium: 0, low: 0 });
    expect(s).toMatchObject({ score: 100, band: 'high', criticalFails: 1 });
  });
});
