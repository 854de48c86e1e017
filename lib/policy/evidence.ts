import { periodOf } from '../time/periods';
import { MESSAGING_APP_LABELS, OPERATING_SYSTEM_LABELS, type MessagingApp } from './constants';
import type {
  ApprovedChannel,
  AttestationFact,
  CheckOutcome,
  DeviceAppFact,
  DeviceFact,
  PersonEvidence,
  PolicyParameters,
} from './types';

/**
 * Small pure helpers the rules share: how evidence is named in reasons, which channels are approved,
 * and which attestation is in force. Reasons always name the evidence they rest on.
 */

/** A passing outcome. */
export function pass(reason: string): CheckOutcome {
  return { status: 'pass', reason };
}

/** A failing outcome (a finding). */
export function fail(reason: string): CheckOutcome {
  return { status: 'fail', reason };
}

/** The rule does not apply to this person. Never used for missing evidence. */
export function notApplicable(reason: string): CheckOutcome {
  return { status: 'not_applicable', reason };
}

/** Reason used by device rules other than X1 when no device is on record (X1 carries that finding). */
export const NO_DEVICES_REASON = 'No devices on record (see X1)';

/** "iPhone 15 (BYOD)" or "MacBook Pro (corporate)". */
export function deviceLabel(device: DeviceFact): string {
  return `${device.model} (${device.ownership === 'byod' ? 'BYOD' : 'corporate'})`;
}

/** "iOS 17.5". */
export function osLabel(device: DeviceFact): string {
  return `${OPERATING_SYSTEM_LABELS[device.os]} ${device.osVersion}`.trim();
}

/** "WhatsApp 2.24" (or just "WhatsApp" when the version is unknown). */
export function appLabel(app: DeviceAppFact): string {
  const name = MESSAGING_APP_LABELS[app.app];
  return app.appVersion ? `${name} ${app.appVersion}` : name;
}

/** "WhatsApp 2.24 on iPhone 15 (BYOD)". */
export function appOnDevice(app: DeviceAppFact, device: DeviceFact): string {
  return `${appLabel(app)} on ${deviceLabel(device)}`;
}

/** "WhatsApp, Signal" for a list of apps (unknown values are shown as given); "none" when empty. */
export function appNames(apps: readonly string[]): string {
  if (apps.length === 0) return 'none';
  return apps.map((a) => (a in MESSAGING_APP_LABELS ? MESSAGING_APP_LABELS[a as MessagingApp] : a)).join(', ');
}

/** "1 device" / "2 devices". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Joins findings with "; ", keeping at most `max` and saying how many more there are. */
export function joinFindings(findings: readonly string[], max = 3): string {
  const shown = findings.slice(0, max).join('; ');
  const more = findings.length - max;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}

const channelsByList = new WeakMap<readonly ApprovedChannel[], ReadonlyMap<string, ApprovedChannel>>();

/**
 * The approved-channel entry for an app, if the app is approved. Looked up in a map kept per channel list:
 * rescoring an organisation asks this for every app of every person, several times.
 */
export function channelFor(parameters: PolicyParameters, app: string): ApprovedChannel | undefined {
  const list = parameters.approvedChannels;
  let byApp = channelsByList.get(list);
  if (!byApp) {
    // The first entry for an app wins, as a search of the list would find it.
    byApp = new Map([...list].reverse().map((c) => [c.app, c]));
    channelsByList.set(list, byApp);
  }
  return byApp.get(app);
}

/** True when the app is on the approved-channel list (captured or not). */
export function isApproved(parameters: PolicyParameters, app: string): boolean {
  return channelFor(parameters, app) !== undefined;
}

/** True when the app is approved and its messages must be captured (archived). */
export function isApprovedCaptured(parameters: PolicyParameters, app: string): boolean {
  return channelFor(parameters, app)?.captured === true;
}

/** Names of the approved channels, for reasons ("Microsoft Teams, Symphony, Slack"). */
export function approvedNames(parameters: PolicyParameters, capturedOnly = false): string {
  return appNames(parameters.approvedChannels.filter((c) => !capturedOnly || c.captured).map((c) => c.app));
}

/**
 * The label of the attestation period a reason should talk about: the current campaign's period,
 * else the period of `asOf` at the configured attestation frequency (e.g. '2026-Q4').
 */
export function periodLabel(evidence: PersonEvidence, asOf: Date): string {
  return evidence.currentCampaign?.period ?? periodOf(asOf, evidence.parameters.attestationFrequency).label;
}

/**
 * The latest attestation in force on `asOf`: `latestAttestation`, unless it was submitted after `asOf`
 * (then there is none, so that a past day is scored only on what was known then).
 */
export function attestationInForce(evidence: PersonEvidence, asOf: Date): AttestationFact | null {
  const att = evidence.latestAttestation;
  if (!att || att.submittedAt.getTime() > asOf.getTime()) return null;
  return att;
}

/** The finding for a rule that needs an attestation when there is none: "No attestation on record for 2026-Q4". */
export function noAttestation(evidence: PersonEvidence, asOf: Date): CheckOutcome {
  return fail(`No attestation on record for ${periodLabel(evidence, asOf)}`);
}
