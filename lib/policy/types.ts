import type {
  AttestationFrequency,
  DeviceKind,
  DeviceOwnership,
  MessagingApp,
  OperatingSystem,
  RuleStatus,
  Sector,
  Severity,
} from './constants';

/** One answer to an attestation question. The shape depends on the question's type. */
export type AnswerValue = boolean | number | string | string[];

/** Attestation answers keyed by question id. */
export type Answers = Readonly<Record<string, AnswerValue>>;

interface QuestionBase {
  /** Stable id, unique within a pack; answers are stored under it. */
  id: string;
  /** The question as staff read it. */
  text: string;
  /** Why it is asked, in plain words (shown as help text). */
  help: string;
  /** Ids of the rules this answer feeds. */
  ruleIds: readonly string[];
  /** Only asked of supervisors (people who manage a team). */
  supervisorsOnly?: boolean;
}

/** A yes/no question; `compliantAnswer` is the answer that raises no concern. */
export interface YesNoQuestion extends QuestionBase {
  type: 'yes_no';
  compliantAnswer: boolean;
}

/** Pick one option. */
export interface ChoiceQuestion extends QuestionBase {
  type: 'choice';
  options: readonly { value: string; label: string }[];
}

/** Pick any number of options (e.g. the apps used for business). */
export interface MultiChoiceQuestion extends QuestionBase {
  type: 'multi_choice';
  options: readonly { value: string; label: string }[];
}

/** A whole number within bounds (inclusive). */
export interface NumberQuestion extends QuestionBase {
  type: 'number';
  min: number;
  max: number;
  unit?: string;
}

/** Short free text, at most `maxLength` characters. */
export interface TextQuestion extends QuestionBase {
  type: 'text';
  maxLength: number;
  optional?: boolean;
}

export type Question = YesNoQuestion | ChoiceQuestion | MultiChoiceQuestion | NumberQuestion | TextQuestion;

/** A messaging channel the organisation approves, and whether its messages are captured (archived). */
export interface ApprovedChannel {
  app: MessagingApp;
  captured: boolean;
  /**
   * A data-sharing / DPIA assessment of this channel is on record (rule X3).
   * Optional for compatibility; missing counts as "not recorded".
   */
  dataSharingAssessed?: boolean;
}

/**
 * Policy parameters in force for one person on one day: the organisation's settings overlaid
 * with their team's. Durations carry their unit in the name.
 */
export interface PolicyParameters {
  approvedChannels: readonly ApprovedChannel[];
  /** Days allowed to forward a message received off-channel into the official record. */
  forwardingWindowDays: number;
  /** Capture/archiving counts as healthy only if it synced within this many days. */
  captureSyncMaxAgeDays: number;
  /** A device not seen for this many days is stale. */
  staleDeviceDays: number;
  attestationFrequency: AttestationFrequency;
  severityWeights: Readonly<Record<Severity, number>>;
  /** Rule id → severity that replaces the pack's. */
  severityOverrides: Readonly<Record<string, Severity>>;
  /** Rule ids switched off for this scope. */
  disabledRules: readonly string[];
  /** Multiplier of a supervisor's score weight in their team's mean (≥ 1). */
  supervisorWeight: number;
  /** Oldest supported major OS version per operating system. */
  minimumOsMajor: Readonly<Partial<Record<OperatingSystem, number>>>;
  /** Scope flags that switch sector rules on. */
  ukMifidActivity: boolean;
  usSwapDealer: boolean;
  usFederalRecords: boolean;
}

/** One messaging app on a device, with the per-app facts the rules read. Never message content. */
export interface DeviceAppFact {
  app: MessagingApp;
  appVersion: string | null;
  businessUse: boolean;
  cloudBackup: boolean;
  disappearingMessages: boolean;
  captureEnabled: boolean;
  contactUpload: boolean;
  lastCaptureSyncAt: Date | null;
}

/** A device as it stood on the day being scored. */
export interface DeviceFact {
  deviceId: number;
  /** Human name, e.g. "iPhone 15". */
  model: string;
  kind: DeviceKind;
  ownership: DeviceOwnership;
  os: OperatingSystem;
  osVersion: string;
  mdmEnrolled: boolean;
  encrypted: boolean;
  passcode: boolean;
  lastSeenAt: Date | null;
  apps: readonly DeviceAppFact[];
}

/** The campaign a person must answer in the period containing the scoring day. */
export interface CampaignFact {
  id: number;
  /** e.g. "2026-Q4". */
  period: string;
  opensAt: Date;
  dueAt: Date;
}

/** A submitted attestation (the latest one in force on the scoring day). */
export interface AttestationFact {
  id: number;
  campaignId: number;
  period: string;
  packVersion: string;
  submittedAt: Date;
  answers: Answers;
}

/** A time-bound waiver of one rule, granted to the person or to their team. */
export interface ExceptionFact {
  id: number;
  ruleId: string;
  scope: 'person' | 'team';
  reason: string;
  startsAt: Date;
  expiresAt: Date;
}

/** Everything the rules need about one person on one day. Loaded in bulk by db/, handed in as plain data. */
export interface PersonEvidence {
  userId: number;
  name: string;
  sector: Sector;
  /** Manages at least one team. */
  isSupervisor: boolean;
  parameters: PolicyParameters;
  /** The campaign open or due in the current period, if any. */
  currentCampaign: CampaignFact | null;
  /** The person's latest attestation for `currentCampaign`, if submitted. */
  currentAttestation: AttestationFact | null;
  /** The person's latest attestation of any campaign (answers are read from it). */
  latestAttestation: AttestationFact | null;
  devices: readonly DeviceFact[];
  exceptions: readonly ExceptionFact[];
}

/** The result of one rule for one person. */
export interface RuleResult {
  ruleId: string;
  status: RuleStatus;
  severity: Severity;
  /** Names the evidence, e.g. "WhatsApp 2.24 on iPhone 15 (BYOD) has cloud backup on". */
  reason: string;
}

/** What a rule's check returns before exceptions and switches are applied. */
export type CheckOutcome =
  | { status: 'pass'; reason: string }
  | { status: 'fail'; reason: string }
  | { status: 'not_applicable'; reason: string };

/** A rule of a policy pack. `check` is pure: same evidence and day, same outcome. */
export interface Rule {
  id: string;
  title: string;
  /** Why the rule exists, in plain words. */
  why: string;
  citation: string;
  severity: Severity;
  /** When the rule applies, in plain words (the check returns not_applicable otherwise). */
  appliesWhen: string;
  /** Steps a member of staff can follow to fix a failure. */
  remediation: readonly string[];
  check: (evidence: PersonEvidence, asOf: Date) => CheckOutcome;
}

/** A versioned sector policy pack. */
export interface PolicyPack {
  id: Sector;
  version: string;
  title: string;
  questions: readonly Question[];
  rules: readonly Rule[];
}
