import {
  MESSAGING_APP_LABELS,
  OPERATING_SYSTEM_LABELS,
  SEVERITIES,
  type ApprovedChannel,
  type AttestationFrequency,
  type OperatingSystem,
  type PolicyParametersOverride,
} from '@/lib/policy';

/** Words for each attestation frequency. */
export const FREQUENCY_LABELS: Readonly<Record<AttestationFrequency, string>> = {
  quarterly: 'Quarterly',
  semiannual: 'Every six months',
  annual: 'Annually',
};

/** Words for each regulatory scope flag. */
export const FLAG_LABELS = {
  ukMifidActivity: 'UK MiFID business (FCA recording rules)',
  usSwapDealer: 'US swap dealer (CFTC)',
  usFederalRecords: 'US federal records (Federal Records Act)',
} as const;

/** "Microsoft Teams (captured, assessed)". */
export function describeChannel(channel: ApprovedChannel): string {
  const facts = [channel.captured ? 'captured' : 'not captured', channel.dataSharingAssessed ? 'data sharing assessed' : null];
  return `${MESSAGING_APP_LABELS[channel.app]} (${facts.filter(Boolean).join(', ')})`;
}

/** One line per field an override sets, in words; empty for an override that inherits everything. */
export function describeOverride(override: PolicyParametersOverride): string[] {
  const lines: string[] = [];
  if (override.approvedChannels) lines.push(`Approved channels: ${override.approvedChannels.map(describeChannel).join('; ')}`);
  if (override.forwardingWindowDays !== undefined) lines.push(`Forwarding window: ${override.forwardingWindowDays} days`);
  if (override.captureSyncMaxAgeDays !== undefined) lines.push(`Capture sync max age: ${override.captureSyncMaxAgeDays} days`);
  if (override.staleDeviceDays !== undefined) lines.push(`Device stale after: ${override.staleDeviceDays} days`);
  if (override.attestationFrequency) lines.push(`Attestation: ${FREQUENCY_LABELS[override.attestationFrequency].toLowerCase()}`);
  const weights = SEVERITIES.filter((s) => override.severityWeights?.[s] !== undefined).map((s) => `${s} ${override.severityWeights?.[s]}`);
  if (weights.length > 0) lines.push(`Severity weights: ${weights.join(', ')}`);
  const overrides = Object.entries(override.severityOverrides ?? {});
  if (overrides.length > 0) lines.push(`Severity overrides: ${overrides.map(([id, s]) => `${id} → ${s}`).join(', ')}`);
  if (override.disabledRules?.length) lines.push(`Switched off: ${override.disabledRules.join(', ')}`);
  if (override.supervisorWeight !== undefined) lines.push(`Supervisor weight: ×${override.supervisorWeight}`);
  const os = Object.entries(override.minimumOsMajor ?? {}) as [OperatingSystem, number][];
  if (os.length > 0) lines.push(`Minimum OS: ${os.map(([name, v]) => `${OPERATING_SYSTEM_LABELS[name]} ${v}`).join(', ')}`);
  for (const flag of Object.keys(FLAG_LABELS) as (keyof typeof FLAG_LABELS)[]) {
    if (override[flag] !== undefined) lines.push(`${FLAG_LABELS[flag]}: ${override[flag] ? 'yes' : 'no'}`);
  }
  return lines;
}
