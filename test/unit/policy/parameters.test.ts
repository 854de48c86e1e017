import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_PARAMETERS, mergeParameters } from '../../../lib/policy';
import { DEFAULT_SEVERITY_WEIGHTS } from '../../../lib/policy/constants';

describe('DEFAULT_POLICY_PARAMETERS', () => {
  it('approves captured Teams, Symphony and Slack and sets the documented defaults', () => {
    expect(DEFAULT_POLICY_PARAMETERS.approvedChannels.map((c) => [c.app, c.captured])).toEqual([
      ['teams', true],
      ['symphony', true],
      ['slack', true],
    ]);
    expect(DEFAULT_POLICY_PARAMETERS).toMatchObject({
      forwardingWindowDays: 10,
      captureSyncMaxAgeDays: 3,
      staleDeviceDays: 7,
      attestationFrequency: 'quarterly',
      severityWeights: DEFAULT_SEVERITY_WEIGHTS,
      severityOverrides: {},
      disabledRules: [],
      supervisorWeight: 2,
      minimumOsMajor: { ios: 17, ipados: 17, android: 13, macos: 14, windows: 10 },
      ukMifidActivity: false,
      usSwapDealer: false,
      usFederalRecords: false,
    });
  });

  it('cannot be modified by accident', () => {
    expect(Object.isFrozen(DEFAULT_POLICY_PARAMETERS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY_PARAMETERS.approvedChannels)).toBe(true);
  });
});

describe('mergeParameters', () => {
  it('gives the defaults for empty settings', () => {
    expect(mergeParameters({})).toEqual(DEFAULT_POLICY_PARAMETERS);
  });

  it.each([
    ['organisation value', { forwardingWindowDays: 5 }, undefined, 5],
    ['team value wins', { forwardingWindowDays: 5 }, { forwardingWindowDays: 2 }, 2],
    ['team value over default', {}, { forwardingWindowDays: 15 }, 15],
    ['undefined in team falls back', { forwardingWindowDays: 5 }, { forwardingWindowDays: undefined }, 5],
    ['zero is a value', { forwardingWindowDays: 5 }, { forwardingWindowDays: 0 }, 0],
  ])('plain values: %s', (_name, org, team, expected) => {
    expect(mergeParameters(org, team).forwardingWindowDays).toBe(expected);
  });

  it('replaces the approved-channel list as a whole', () => {
    const merged = mergeParameters({ approvedChannels: [{ app: 'teams', captured: true }] }, { approvedChannels: [{ app: 'signal', captured: false }] });
    expect(merged.approvedChannels).toEqual([{ app: 'signal', captured: false }]);
  });

  it('merges weights, overrides and OS minimums key by key, team winning', () => {
    const merged = mergeParameters(
      { severityWeights: { critical: 20 }, severityOverrides: { X3: 'medium', X7: 'low' }, minimumOsMajor: { ios: 18 } },
      { severityWeights: { low: 0 }, severityOverrides: { X7: 'high' }, minimumOsMajor: { android: 14 } },
    );
    expect(merged.severityWeights).toEqual({ critical: 20, high: 5, medium: 2, low: 0 });
    expect(merged.severityOverrides).toEqual({ X3: 'medium', X7: 'high' });
    expect(merged.minimumOsMajor).toEqual({ ios: 18, ipados: 17, android: 14, macos: 14, windows: 10 });
  });

  it('switches off the union of both scopes’ rules, once each', () => {
    expect(mergeParameters({ disabledRules: ['X3', 'F5'] }, { disabledRules: ['F5', 'G7'] }).disabledRules).toEqual(['X3', 'F5', 'G7']);
  });

  it('does not modify its inputs', () => {
    const org = { disabledRules: ['X3'], severityOverrides: { X3: 'high' as const } };
    mergeParameters(org, { disabledRules: ['X4'] });
    expect(org).toEqual({ disabledRules: ['X3'], severityOverrides: { X3: 'high' } });
  });
});
