import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/validation/action-result';
import { policyChangeFromFormData, policyChangeSchema, policyOverrideSchema, unknownRuleErrors } from '@/lib/validation/policy';

const now = new Date('2026-11-23T15:30:00Z');
const schema = policyChangeSchema({ now });
const base = { teamId: null, note: 'Why', parameters: {} };

/** The field errors of `input`, or null when it is valid. */
const errorsOf = (input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? null : fieldErrorsOf(parsed.error);
};

describe('policyOverrideSchema: numbers at and beyond their bounds', () => {
  it.each([
    ['forwardingWindowDays', 1, true], ['forwardingWindowDays', 90, true], ['forwardingWindowDays', 0, false], ['forwardingWindowDays', 91, false],
    ['forwardingWindowDays', 2.5, false],
    ['staleDeviceDays', 1, true], ['staleDeviceDays', 90, true], ['staleDeviceDays', 0, false], ['staleDeviceDays', 91, false],
    ['captureSyncMaxAgeDays', 1, true], ['captureSyncMaxAgeDays', 30, true], ['captureSyncMaxAgeDays', 0, false], ['captureSyncMaxAgeDays', 31, false],
    ['supervisorWeight', 1, true], ['supervisorWeight', 2.5, true], ['supervisorWeight', 5, true], ['supervisorWeight', 0.9, false], ['supervisorWeight', 5.1, false],
    ['forwardingWindowDays', '7', true], ['forwardingWindowDays', 'seven', false],
  ] as const)('%s = %j → valid: %s', (key, value, valid) => {
    expect(policyOverrideSchema.safeParse({ [key]: value }).success).toBe(valid);
  });

  it.each([
    [{ critical: 0, low: 100 }, true],
    [{ high: 100.5 }, false],
    [{ medium: -1 }, false],
    [{ extreme: 3 }, false],
  ])('severity weights %j → valid: %s', (severityWeights, valid) => {
    expect(policyOverrideSchema.safeParse({ severityWeights }).success).toBe(valid);
  });
});

describe('policyOverrideSchema: lists and vocabularies', () => {
  it.each([
    ['captured Teams', { approvedChannels: [{ app: 'teams', captured: true }] }, true],
    ['an unknown app', { approvedChannels: [{ app: 'myspace', captured: true }] }, false],
    ['a duplicated app', { approvedChannels: [{ app: 'teams', captured: true }, { app: 'teams', captured: false }] }, false],
    ['no channel at all', { approvedChannels: [] }, false],
    ['a known severity override', { severityOverrides: { F1: 'low' } }, true],
    ['an unknown severity', { severityOverrides: { F1: 'severe' } }, false],
    ['a malformed rule id', { disabledRules: ['drop table'] }, false],
    ['a duplicated switched-off rule', { disabledRules: ['X1', 'X1'] }, false],
    ['an unknown frequency', { attestationFrequency: 'monthly' }, false],
    ['an unknown key', { everythingAllowed: true }, false],
    ['a flag that is not a boolean', { usSwapDealer: 'yes' }, false],
    ['an OS minimum', { minimumOsMajor: { ios: 18 } }, true],
    ['an unknown OS', { minimumOsMajor: { symbian: 3 } }, false],
  ])('%s → valid: %s', (_name, override, valid) => {
    expect(policyOverrideSchema.safeParse(override).success).toBe(valid);
  });
});

describe('policyChangeSchema', () => {
  it('takes effect today by default, at midnight UTC', () => {
    expect(schema.parse(base).effectiveFrom).toEqual(new Date('2026-11-23T00:00:00Z'));
  });

  it.each([
    ['2024-11-23', true],
    ['2024-11-22', false],
    ['2028-11-23', true],
    ['2028-11-24', false],
    ['2026-02-30', false],
    ['23/11/2026', false],
  ])('effective from %s → valid: %s', (effectiveFrom, valid) => {
    expect(errorsOf({ ...base, effectiveFrom }) === null).toBe(valid);
  });

  it.each([
    ['', 'note'],
    ['   ', 'note'],
    ['x'.repeat(501), 'note'],
  ])('refuses the note %j', (note, field) => {
    expect(errorsOf({ ...base, note })?.[field]).toBeDefined();
  });

  it('accepts a 500-character note, trimmed', () => {
    expect(schema.parse({ ...base, note: ` ${'x'.repeat(500)} ` }).note).toHaveLength(500);
  });

  it('names the field at fault with its path', () => {
    expect(Object.keys(errorsOf({ ...base, parameters: { severityWeights: { high: 101 } } }) ?? {})).toEqual(['parameters.severityWeights.high']);
  });
});

describe('policyChangeFromFormData', () => {
  const form = (fields: [string, string][]) => {
    const data = new FormData();
    for (const [key, value] of fields) data.append(key, value);
    return data;
  };

  it('leaves empty fields out, so that they are inherited', () => {
    expect(policyChangeFromFormData(form([['teamId', ''], ['note', 'n'], ['forwardingWindowDays', ''], ['flag.usSwapDealer', ''], ['approvedChannelsMode', 'inherit'], ['channel.teams', 'captured']]))).toEqual({
      teamId: null, effectiveFrom: undefined, note: 'n', parameters: {},
    });
  });

  it('reads channels, weights, overrides, switched-off rules and flags', () => {
    const raw = policyChangeFromFormData(form([
      ['teamId', '4'], ['effectiveFrom', '2026-12-01'], ['note', 'n'], ['approvedChannelsMode', 'set'],
      ['channel.slack', 'captured'], ['assessed.slack', 'on'], ['channel.whatsapp', 'not_captured'], ['channel.teams', ''],
      ['severityWeights.low', '3'], ['severityOverrides.F1', 'high'], ['severityOverrides.F2', ''], ['disabledRules', 'X3'], ['disabledRules', 'X4'],
      ['minimumOsMajor.ios', '18'], ['flag.ukMifidActivity', 'yes'], ['flag.usSwapDealer', 'no'], ['attestationFrequency', 'annual'],
    ]));
    expect(raw).toEqual({
      teamId: '4', effectiveFrom: '2026-12-01', note: 'n',
      parameters: {
        approvedChannels: [{ app: 'whatsapp', captured: false, dataSharingAssessed: false }, { app: 'slack', captured: true, dataSharingAssessed: true }],
        severityWeights: { low: '3' }, severityOverrides: { F1: 'high' }, disabledRules: ['X3', 'X4'], minimumOsMajor: { ios: '18' },
        ukMifidActivity: true, usSwapDealer: false, attestationFrequency: 'annual',
      },
    });
    expect(schema.safeParse(raw).success).toBe(true);
  });
});

describe('unknownRuleErrors', () => {
  const known = new Set(['L1', 'X1']);
  it.each([
    [{}, {}],
    [{ disabledRules: ['L1', 'X1'], severityOverrides: { L1: 'low' as const } }, {}],
    [{ disabledRules: ['F1', 'L1', 'G2'] }, { 'parameters.disabledRules': ['Not rules of the law pack: F1, G2.'] }],
    [{ severityOverrides: { F1: 'low' as const } }, { 'parameters.severityOverrides.F1': ['F1 is not a rule of the law pack.'] }],
  ])('%j → %j', (parameters, expected) => {
    expect(unknownRuleErrors(parameters, known, 'the law pack')).toEqual(expected);
  });
});
