import { getPack, mergeParameters, type PolicyParametersOverride } from '../../lib/policy';
import type { Sector } from '../../lib/policy/constants';
import type {
  AnswerValue,
  AttestationFact,
  CampaignFact,
  DeviceAppFact,
  DeviceFact,
  ExceptionFact,
  PersonEvidence,
  PolicyPack,
} from '../../lib/policy/types';

/**
 * Evidence builders for unit tests. Defaults are compliant: a corporate, managed iPhone seen yesterday with
 * captured Microsoft Teams, an on-time 2026-Q4 attestation with every answer compliant. Override what a test is about.
 */

/** The scoring day used across the unit tests: 20 Nov 2026, noon UTC (2026-Q4, before the 15 Dec due date). */
export const AS_OF = new Date('2026-11-20T12:00:00.000Z');

/** `AS_OF` moved back by whole days. */
export function daysBefore(days: number, from: Date = AS_OF): Date {
  return new Date(from.getTime() - days * 86_400_000);
}

/** `AS_OF` moved forward by whole days. */
export function daysAfter(days: number, from: Date = AS_OF): Date {
  return daysBefore(-days, from);
}

/** A messaging app: Microsoft Teams used for business, captured and synced yesterday, nothing risky on. */
export function buildApp(overrides: Partial<DeviceAppFact> = {}): DeviceAppFact {
  return {
    app: 'teams',
    appVersion: '24.1',
    businessUse: true,
    cloudBackup: false,
    disappearingMessages: false,
    captureEnabled: true,
    contactUpload: false,
    lastCaptureSyncAt: daysBefore(1),
    ...overrides,
  };
}

/** A consumer WhatsApp 2.24 install: not used for business, nothing switched on. */
export function buildWhatsApp(overrides: Partial<DeviceAppFact> = {}): DeviceAppFact {
  return buildApp({ app: 'whatsapp', appVersion: '2.24', businessUse: false, captureEnabled: false, lastCaptureSyncAt: null, ...overrides });
}

/** A corporate iPhone 15 on iOS 17.5, managed, encrypted, locked, seen yesterday, with captured Teams. */
export function buildDevice(overrides: Partial<DeviceFact> = {}): DeviceFact {
  return {
    deviceId: 1,
    model: 'iPhone 15',
    kind: 'phone',
    ownership: 'corporate',
    os: 'ios',
    osVersion: '17.5',
    mdmEnrolled: true,
    encrypted: true,
    passcode: true,
    lastSeenAt: daysBefore(1),
    apps: [buildApp()],
    ...overrides,
  };
}

/** A personal iPhone 13 (BYOD) with the given apps, otherwise secure. */
export function buildByodPhone(apps: readonly DeviceAppFact[], overrides: Partial<DeviceFact> = {}): DeviceFact {
  return buildDevice({ deviceId: 2, model: 'iPhone 13', ownership: 'byod', apps, ...overrides });
}

/** The compliant answer to every question of a pack (multi-choice: Microsoft Teams; choice: the first option). */
export function compliantAnswers(pack: PolicyPack): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const q of pack.questions) {
    if (q.type === 'yes_no') answers[q.id] = q.compliantAnswer;
    else if (q.type === 'multi_choice') answers[q.id] = ['teams'];
    else if (q.type === 'choice') answers[q.id] = q.options[0]?.value ?? '';
    else if (q.type === 'number') answers[q.id] = q.min;
    else answers[q.id] = '';
  }
  return answers;
}

/** The 2026-Q4 campaign: opens 1 Oct, due 15 Dec 2026. */
export function buildCampaign(overrides: Partial<CampaignFact> = {}): CampaignFact {
  return {
    id: 42,
    period: '2026-Q4',
    opensAt: new Date('2026-10-01T00:00:00.000Z'),
    dueAt: new Date('2026-12-15T00:00:00.000Z'),
    ...overrides,
  };
}

/** A 2026-Q4 attestation submitted 3 Nov 2026. */
export function buildAttestation(overrides: Partial<AttestationFact> = {}): AttestationFact {
  return {
    id: 7,
    campaignId: 42,
    period: '2026-Q4',
    packVersion: '2026.1',
    submittedAt: new Date('2026-11-03T09:30:00.000Z'),
    answers: {},
    ...overrides,
  };
}

/** A person exception for `ruleId`, active from 1 Nov 2026 until 31 Jan 2027. */
export function buildException(ruleId: string, overrides: Partial<ExceptionFact> = {}): ExceptionFact {
  return {
    id: 1,
    ruleId,
    scope: 'person',
    reason: 'Client in a jurisdiction without Teams',
    startsAt: new Date('2026-11-01T00:00:00.000Z'),
    expiresAt: new Date('2027-01-31T00:00:00.000Z'),
    ...overrides,
  };
}

/** Options of `buildEvidence`: any evidence field, plus parameter and answer overrides. */
export interface EvidenceOptions extends Partial<Omit<PersonEvidence, 'parameters'>> {
  parameters?: PolicyParametersOverride;
  /** Answers laid over the pack's compliant answers; a key set to undefined removes that answer. */
  answers?: Record<string, AnswerValue | undefined>;
}

/**
 * One person's evidence for `sector` (default finance) on `AS_OF`. The attestation (current and latest)
 * carries the pack's compliant answers overlaid with `answers`; pass `latestAttestation: null` (and
 * `currentAttestation: null`) for a person who never attested.
 */
export function buildEvidence(options: EvidenceOptions = {}): PersonEvidence {
  const { parameters, answers, ...rest } = options;
  const sector: Sector = rest.sector ?? 'finance';
  const pack = getPack(sector);
  const merged: Record<string, AnswerValue> = { ...compliantAnswers(pack) };
  for (const [key, value] of Object.entries(answers ?? {})) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const attestation = buildAttestation({ packVersion: pack.version, answers: merged });
  return {
    userId: 1,
    name: 'Alex Morgan',
    sector,
    isSupervisor: false,
    parameters: mergeParameters(parameters ?? {}),
    currentCampaign: buildCampaign(),
    currentAttestation: attestation,
    latestAttestation: attestation,
    devices: [buildDevice(), buildDevice({ deviceId: 3, model: 'MacBook Pro', kind: 'laptop', os: 'macos', osVersion: '14.6', apps: [buildApp({ app: 'slack', appVersion: '4.41' })] })],
    exceptions: [],
    ...rest,
  };
}

/** The same evidence with no attestation at all. */
export function withoutAttestation(evidence: PersonEvidence): PersonEvidence {
  return { ...evidence, currentAttestation: null, latestAttestation: null };
}
