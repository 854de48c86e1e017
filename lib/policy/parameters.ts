import { DEFAULT_SEVERITY_WEIGHTS, type Severity } from './constants';
import type { PolicyParameters } from './types';

/**
 * Policy parameters as stored for one scope (organisation or team): any field may be left out and
 * is then inherited. Severity weights may be given one at a time.
 */
export type PolicyParametersOverride = Partial<Omit<PolicyParameters, 'severityWeights'>> & {
  severityWeights?: Readonly<Partial<Record<Severity, number>>>;
};

/**
 * What an organisation gets before it changes anything: Teams, Symphony and Slack approved and captured
 * (with their data-sharing assessment on record), a 10-day forwarding window, capture healthy when synced
 * within 3 days, devices stale after 7 days, quarterly attestations, the DESIGN.md weights, no overrides,
 * no rules switched off, supervisors weighted twice, current-ish OS minimums, and no regulatory scope flags.
 */
export const DEFAULT_POLICY_PARAMETERS: PolicyParameters = Object.freeze({
  approvedChannels: Object.freeze([
    Object.freeze({ app: 'teams', captured: true, dataSharingAssessed: true }),
    Object.freeze({ app: 'symphony', captured: true, dataSharingAssessed: true }),
    Object.freeze({ app: 'slack', captured: true, dataSharingAssessed: true }),
  ]),
  forwardingWindowDays: 10,
  captureSyncMaxAgeDays: 3,
  staleDeviceDays: 7,
  attestationFrequency: 'quarterly',
  severityWeights: DEFAULT_SEVERITY_WEIGHTS,
  severityOverrides: Object.freeze({}),
  disabledRules: Object.freeze([]),
  supervisorWeight: 2,
  minimumOsMajor: Object.freeze({ ios: 17, ipados: 17, android: 13, macos: 14, windows: 10 }),
  ukMifidActivity: false,
  usSwapDealer: false,
  usFederalRecords: false,
} satisfies PolicyParameters);

function pick<K extends keyof PolicyParametersOverride>(
  key: K,
  org: PolicyParametersOverride,
  team: PolicyParametersOverride,
): PolicyParametersOverride[K] {
  return team[key] ?? org[key];
}

/**
 * The parameters in force for a person: defaults, overlaid with the organisation's settings, overlaid
 * with their team's. Merge rules:
 * - plain values and `approvedChannels` (a whole list): the team's replaces the organisation's, which
 *   replaces the default;
 * - `severityWeights`, `severityOverrides`, `minimumOsMajor`: merged key by key, team winning;
 * - `disabledRules`: the union (a team can switch more rules off, never back on), de-duplicated, in order.
 * Pure; inputs are not modified.
 */
export function mergeParameters(
  org: PolicyParametersOverride,
  teamOverride: PolicyParametersOverride = {},
): PolicyParameters {
  const d = DEFAULT_POLICY_PARAMETERS;
  const t = teamOverride;
  return {
    approvedChannels: pick('approvedChannels', org, t) ?? d.approvedChannels,
    forwardingWindowDays: pick('forwardingWindowDays', org, t) ?? d.forwardingWindowDays,
    captureSyncMaxAgeDays: pick('captureSyncMaxAgeDays', org, t) ?? d.captureSyncMaxAgeDays,
    staleDeviceDays: pick('staleDeviceDays', org, t) ?? d.staleDeviceDays,
    attestationFrequency: pick('attestationFrequency', org, t) ?? d.attestationFrequency,
    severityWeights: { ...d.severityWeights, ...org.severityWeights, ...t.severityWeights },
    severityOverrides: { ...d.severityOverrides, ...org.severityOverrides, ...t.severityOverrides },
    disabledRules: [...new Set([...d.disabledRules, ...(org.disabledRules ?? []), ...(t.disabledRules ?? [])])],
    supervisorWeight: pick('supervisorWeight', org, t) ?? d.supervisorWeight,
    minimumOsMajor: { ...d.minimumOsMajor, ...org.minimumOsMajor, ...t.minimumOsMajor },
    ukMifidActivity: pick('ukMifidActivity', org, t) ?? d.ukMifidActivity,
    usSwapDealer: pick('usSwapDealer', org, t) ?? d.usSwapDealer,
    usFederalRecords: pick('usFederalRecords', org, t) ?? d.usFederalRecords,
  };
}
