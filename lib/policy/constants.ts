/**
 * Closed vocabularies shared by the policy packs, the scoring engine, the database schema
 * (`text({ enum })`) and the zod validators, so that all four agree by construction.
 */

/** Sectors that have a policy pack. */
export const SECTORS = ['law', 'finance', 'government'] as const;
export type Sector = (typeof SECTORS)[number];

/** Rule severities, most serious first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Default weight of each severity in a person's score (DESIGN.md: 10 / 5 / 2 / 1). */
export const DEFAULT_SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 5,
  medium: 2,
  low: 1,
};

/** Messaging apps the inventory knows about. Only messaging apps are ever recorded (BYOD privacy). */
export const MESSAGING_APPS = [
  'whatsapp',
  'whatsapp_business',
  'signal',
  'telegram',
  'wechat',
  'imessage',
  'teams',
  'slack',
  'symphony',
] as const;
export type MessagingApp = (typeof MESSAGING_APPS)[number];

/** Display names for messaging apps, as people know them. */
export const MESSAGING_APP_LABELS: Readonly<Record<MessagingApp, string>> = {
  whatsapp: 'WhatsApp',
  whatsapp_business: 'WhatsApp Business',
  signal: 'Signal',
  telegram: 'Telegram',
  wechat: 'WeChat',
  imessage: 'iMessage',
  teams: 'Microsoft Teams',
  slack: 'Slack',
  symphony: 'Symphony',
};

export const DEVICE_KINDS = ['phone', 'tablet', 'laptop', 'desktop'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Who owns the device: the firm, or the member of staff (bring your own device). */
export const DEVICE_OWNERSHIPS = ['corporate', 'byod'] as const;
export type DeviceOwnership = (typeof DEVICE_OWNERSHIPS)[number];

export const OPERATING_SYSTEMS = ['ios', 'ipados', 'android', 'macos', 'windows'] as const;
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];

export const OPERATING_SYSTEM_LABELS: Readonly<Record<OperatingSystem, string>> = {
  ios: 'iOS',
  ipados: 'iPadOS',
  android: 'Android',
  macos: 'macOS',
  windows: 'Windows',
};

/** Where a device record came from. */
export const DEVICE_SOURCES = ['manual', 'csv', 'api', 'seed'] as const;
export type DeviceSource = (typeof DEVICE_SOURCES)[number];

/** Outcome of one rule for one person. */
export const RULE_STATUSES = ['pass', 'fail', 'waived', 'not_applicable'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

/** Risk bands, worst first. */
export const RISK_BANDS = ['high', 'medium', 'low'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** How often staff must attest. */
export const ATTESTATION_FREQUENCIES = ['quarterly', 'semiannual', 'annual'] as const;
export type AttestationFrequency = (typeof ATTESTATION_FREQUENCIES)[number];
