import { readYesNo } from '../answers';
import { appUses, captureProblem, isBusinessUse } from '../device-checks';
import {
  NO_DEVICES_REASON,
  appOnDevice,
  deviceLabel,
  fail,
  isApprovedCaptured,
  joinFindings,
  notApplicable,
  pass,
  plural,
} from '../evidence';
import { channelCheck, forwardingCheck, yesNoCheck } from '../shared-checks';
import type { CheckOutcome, PersonEvidence, Rule } from '../types';
import {
  BUSINESS_TEXTS_QUESTION,
  CLIENT_INFO_PERSONAL_QUESTION,
  CORRESPONDENCE_REVIEWS_QUESTION,
  FINANCE_BUSINESS_APPS,
  FINANCE_FORWARDING_DAYS,
  FINANCE_RECEIVED_OFF_CHANNEL,
  FINANCE_UNAPPROVED_APP,
  SUPERVISOR_OFF_CHANNEL_QUESTION,
  UNRECORDED_PERSONAL_DEVICE_QUESTION,
} from './finance-questions';

/** Business-use apps whose messages are not captured, named ("WhatsApp on iPhone 13 (BYOD) …"). */
function uncapturedBusinessMessages(evidence: PersonEvidence, wording: string): string[] {
  return appUses(evidence.devices)
    .filter((use) => isBusinessUse(use) && !use.app.captureEnabled)
    .map((use) => `${appOnDevice(use.app, use.device)} ${wording}`);
}

/** Combines findings from an answer and the devices into one outcome. */
function outcomeOf(findings: readonly string[], passReason: string): CheckOutcome {
  const unique = [...new Set(findings)];
  return unique.length > 0 ? fail(joinFindings(unique)) : pass(passReason);
}

/** F1 (critical): Business messages only on approved, captured channels. Always: from the attestation and from the apps recorded as used for business on the person’s devices. */
export const F1: Rule = {
  id: 'F1',
  title: 'Business messages only on approved, captured channels',
  why: 'Every business message must be kept and producible. Over 100 firms paid more than $2bn to the SEC alone for business done on WhatsApp and texts.',
  citation:
    'Securities Exchange Act s.17(a)(1); SEC Rule 17a-4(b)(4) (keep all business communications at least 3 years, the first 2 easily accessible); Advisers Act Rule 204-2(a)(7)',
  severity: 'critical',
  appliesWhen: 'Always: from the attestation and from the apps recorded as used for business on the person’s devices.',
  remediation: [
    'Move business conversations to an approved, captured channel (see the approved list on My compliance).',
    'Tell clients who message you elsewhere to use the approved channel, and forward what they sent into the archive.',
    'Stop using the unapproved app for business, or remove it from your work device, then update My devices.',
  ],
  check: (evidence, asOf) =>
    channelCheck(evidence, asOf, {
      requireCapture: true,
      businessApps: FINANCE_BUSINESS_APPS,
      unapprovedApp: FINANCE_UNAPPROVED_APP,
    }),
};

/** F2 (critical): Capture on approved channels is on and healthy. When a device on record carries an approved channel that must be captured. */
export const F2: Rule = {
  id: 'F2',
  title: 'Capture on approved channels is on and healthy',
  why: 'An approved channel is only compliant if its archive actually receives the messages; a broken capture loses records silently.',
  citation: 'SEC Rule 17a-4(f) (WORM or audit-trail storage); FINRA Rule 4511(c) (6 years by default)',
  severity: 'critical',
  appliesWhen: 'When a device on record carries an approved channel that must be captured.',
  remediation: [
    'Open the capture or archiving app on the device and sign in again so it syncs.',
    'Check that the device has network access and that background refresh is on for the capture app.',
    'If capture still does not sync, raise a ticket with IT and use another captured device meanwhile.',
  ],
  check: (evidence, asOf) => {
    const { devices, parameters } = evidence;
    if (devices.length === 0) return notApplicable(NO_DEVICES_REASON);
    const captured = appUses(devices).filter((use) => isApprovedCaptured(parameters, use.app.app));
    if (captured.length === 0) return notApplicable(`No captured channel app on ${plural(devices.length, 'device')}`);
    const limit = parameters.captureSyncMaxAgeDays;
    const findings = captured.flatMap((use) => captureProblem(use, asOf, limit) ?? []);
    return outcomeOf(
      findings,
      `Capture on and synced within ${limit} days for ${plural(captured.length, 'captured app')} on ${plural(devices.length, 'device')}`,
    );
  },
};

/** F3 (high): Off-channel messages received are forwarded into the archive promptly. Always, from the attestation; the window is the organisation’s forwarding window in days. */
export const F3: Rule = {
  id: 'F3',
  title: 'Off-channel messages received are forwarded into the archive promptly',
  why: 'A client may message you anywhere; what matters is that the message reaches the archive quickly so it can be produced.',
  citation: 'SEC Rule 17a-4(j) (prompt production); SEC off-channel settled orders 2022–2024',
  severity: 'high',
  appliesWhen: 'Always, from the attestation; the window is the organisation’s forwarding window in days.',
  remediation: [
    'Forward any business message received on another channel to your archive address or captured app the same day.',
    'Reply on the approved channel and ask the sender to use it from now on.',
    'If you are unsure how to forward from an app, ask compliance for the capture instructions for that app.',
  ],
  check: (evidence, asOf) =>
    forwardingCheck(evidence, asOf, evidence.parameters.forwardingWindowDays, {
      received: FINANCE_RECEIVED_OFF_CHANNEL,
      days: FINANCE_FORWARDING_DAYS,
    }),
};

/** F4 (high): Supervisors stay on-channel and document correspondence reviews. Only to supervisors (people who manage a team). */
export const F4: Rule = {
  id: 'F4',
  title: 'Supervisors stay on-channel and document correspondence reviews',
  why: 'Supervisors set the example and must review their team’s messages; regulators treat a supervisor’s own off-channel use as aggravating.',
  citation: 'FINRA Rule 3110(b)(4) and Supplementary Material 3110.06; SEC treats supervisors’ own use as an aggravating factor',
  severity: 'high',
  appliesWhen: 'Only to supervisors (people who manage a team).',
  remediation: [
    'Stop using any unapproved channel for business yourself, and forward past messages into the archive.',
    'Complete this period’s correspondence review for your team and record it in the review log.',
    'Remind your team of the approved channels at the next team meeting.',
  ],
  check: (evidence, asOf) => {
    if (!evidence.isSupervisor) return notApplicable('Applies to supervisors only');
    const findings: string[] = [];
    const own = readYesNo(evidence, asOf, SUPERVISOR_OFF_CHANNEL_QUESTION);
    if (!own.ok) findings.push(own.outcome.reason);
    else if (own.value) findings.push('Supervisor attested own use of an unapproved channel for business');
    const reviews = readYesNo(evidence, asOf, CORRESPONDENCE_REVIEWS_QUESTION);
    if (!reviews.ok) findings.push(reviews.outcome.reason);
    else if (!reviews.value) findings.push('Correspondence reviews not documented this period');
    const period = own.ok ? own.attestation.period : '';
    return outcomeOf(findings, `Supervisor attested no off-channel use and documented correspondence reviews (${period})`);
  },
};

/** F5 (critical): Swap dealers keep all written communications, texts included. Only when the organisation is a US swap dealer or futures firm (policy setting). */
export const F5: Rule = {
  id: 'F5',
  title: 'Swap dealers keep all written communications, texts included',
  why: 'For swap dealers and futures firms every written communication about trading must be kept, including text messages.',
  citation: 'Commodity Exchange Act s.4s(f)(1)(C), s.4s(g)(1); 17 CFR 1.35',
  severity: 'critical',
  appliesWhen: 'Only when the organisation is a US swap dealer or futures firm (policy setting).',
  remediation: [
    'Do not use SMS or iMessage for business unless texts are captured on your device.',
    'Switch on capture for every app you use for business, or move those conversations to a captured channel.',
    'Forward any business texts already sent or received into the archive.',
  ],
  check: (evidence, asOf) => {
    if (!evidence.parameters.usSwapDealer) return notApplicable('Applies to swap dealers and futures firms only');
    const findings: string[] = [];
    const texts = readYesNo(evidence, asOf, BUSINESS_TEXTS_QUESTION);
    if (!texts.ok) findings.push(texts.outcome.reason);
    else if (texts.value && !isApprovedCaptured(evidence.parameters, 'imessage')) {
      findings.push('Attested business text messages, but text messages are not a captured channel');
    }
    findings.push(...uncapturedBusinessMessages(evidence, 'carries business messages that are not captured'));
    return outcomeOf(findings, `Written business communications captured on ${plural(evidence.devices.length, 'device')}; no uncaptured texts attested`);
  },
};

/** F6 (critical): MiFID business recorded on firm equipment the firm can record. Only when the organisation carries on UK MiFID business (policy setting). */
export const F6: Rule = {
  id: 'F6',
  title: 'MiFID business recorded on firm equipment the firm can record',
  why: 'UK firms must record conversations about client orders and trades, on equipment they can record, and keep them 5 years (7 on request).',
  citation: 'FCA SYSC 10A.1.6, 10A.1.7, 10A.1.15; FCA Market Watch 66 (January 2021)',
  severity: 'critical',
  appliesWhen: 'Only when the organisation carries on UK MiFID business (policy setting).',
  remediation: [
    'Hold trade and client-order conversations only on recorded firm equipment or a captured app.',
    'Remove business chats from personal devices the firm cannot record, after forwarding them into the archive.',
    'Ask IT to enrol your device for capture if you need to work from it.',
  ],
  check: (evidence, asOf) => {
    if (!evidence.parameters.ukMifidActivity) return notApplicable('Applies to UK MiFID business only');
    const findings: string[] = [];
    const personal = readYesNo(evidence, asOf, UNRECORDED_PERSONAL_DEVICE_QUESTION);
    if (!personal.ok) findings.push(personal.outcome.reason);
    else if (personal.value) findings.push('Attested trade or client conversations on a personal device the firm cannot record');
    findings.push(...uncapturedBusinessMessages(evidence, 'carries business messages the firm cannot record'));
    const byod = evidence.devices.filter((d) => d.ownership === 'byod').map(deviceLabel);
    const note = byod.length > 0 ? ` (${byod.join(', ')} recorded through capture)` : '';
    return outcomeOf(findings, `Business conversations recorded on ${plural(evidence.devices.length, 'device')}${note}`);
  },
};

/** F7 (high): No client-confidential information over personal messaging. Always, from the attestation. */
export const F7: Rule = {
  id: 'F7',
  title: 'No client-confidential information over personal messaging',
  why: 'Sending client information over personal messaging puts it outside the firm’s control; the FCA banned a trader who did.',
  citation: 'FCA Final Notice, Christopher Niehaus (2017), Statement of Principle 2',
  severity: 'high',
  appliesWhen: 'Always, from the attestation.',
  remediation: [
    'Stop sending client information on personal messaging, text or email.',
    'Tell compliance what was shared, with whom and when, so the firm can assess it.',
    'Delete the client information from the personal channel after it has been preserved in the archive.',
  ],
  check: (evidence, asOf) =>
    yesNoCheck(
      evidence,
      asOf,
      CLIENT_INFO_PERSONAL_QUESTION,
      'Attested sharing client-confidential information over personal messaging',
      'Attested no client-confidential information over personal messaging',
    ),
};

/** Finance rules F1–F7, in id order. */
export const FINANCE_RULES: readonly Rule[] = [F1, F2, F3, F4, F5, F6, F7];
