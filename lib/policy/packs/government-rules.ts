import { readList, readOptionalText, readYesNo } from '../answers';
import { appUses, describeOffChannel, isBusinessUse, offChannelUses } from '../device-checks';
import { appNames, appOnDevice, deviceLabel, fail, isApproved, joinFindings, notApplicable, pass, plural } from '../evidence';
import { forwardingCheck, yesNoCheck } from '../shared-checks';
import type { CheckOutcome, DeviceFact, PersonEvidence, Rule } from '../types';
import {
  CLASSIFIED_QUESTION,
  DISAPPEARING_QUESTION,
  FOI_DELETION_QUESTION,
  GOVERNMENT_BUSINESS_APPS,
  GOVERNMENT_FORWARDING_DAYS,
  GOVERNMENT_RECEIVED_OFF_CHANNEL,
  GOVERNMENT_UNAPPROVED_APP,
  NCCC_JUSTIFICATION_QUESTION,
  PRIVATE_DEVICE_QUESTION,
} from './government-questions';

/** Days a US federal employee has to copy or forward a record from a non-official account (44 U.S.C. §2911). */
export const FEDERAL_RECORDS_FORWARDING_DAYS = 20;

const NCCC = 'Cabinet Office, Non-corporate communication channels (NCCC) guidance, 30 March 2023';

function outcomeOf(findings: readonly string[], passReason: string): CheckOutcome {
  return findings.length > 0 ? fail(joinFindings(findings)) : pass(passReason);
}

/** A private device carrying government business through unapproved apps or without management, named. */
function privateDeviceFinding(evidence: PersonEvidence, device: DeviceFact): string | null {
  if (device.ownership !== 'byod') return null;
  const business = device.apps.filter((app) => isBusinessUse({ device, app }));
  const unapproved = business.filter((app) => !isApproved(evidence.parameters, app.app));
  if (business.length === 0 || (device.mdmEnrolled && unapproved.length === 0)) return null;
  const names = appNames((unapproved.length > 0 ? unapproved : business).map((a) => a.app));
  return `${deviceLabel(device)} carries government business on ${names}${device.mdmEnrolled ? '' : ' and is not managed'}`;
}

/** G1 (high): Government business on corporate systems; any other channel justified. Always: from the attestation and from the apps recorded as used for business on the person’s devices. */
export const G1: Rule = {
  id: 'G1',
  title: 'Government business on corporate systems; any other channel justified',
  why: 'Official business belongs on corporate systems where it is secure, kept and searchable for FOI. Other channels need a recorded reason.',
  citation: NCCC,
  severity: 'high',
  appliesWhen: 'Always: from the attestation and from the apps recorded as used for business on the person’s devices.',
  remediation: [
    'Use corporate channels for government business by default.',
    'If a non-corporate channel was needed, record why in your attestation.',
    'Copy what was said into the official record (see G4).',
  ],
  check: (evidence, asOf) => {
    const unapproved = readYesNo(evidence, asOf, GOVERNMENT_UNAPPROVED_APP);
    if (!unapproved.ok) return unapproved.outcome;
    const listed = readList(evidence, asOf, GOVERNMENT_BUSINESS_APPS);
    if (!listed.ok) return listed.outcome;
    const justification = readOptionalText(evidence, asOf, NCCC_JUSTIFICATION_QUESTION);
    if (!justification.ok) return justification.outcome;
    const period = unapproved.attestation.period;
    const used: string[] = [];
    if (unapproved.value) used.push('attested use of an unapproved app');
    const listedOther = listed.value.filter((app) => !isApproved(evidence.parameters, app));
    if (listedOther.length > 0) used.push(`attested ${appNames(listedOther)}`);
    const seen = offChannelUses(evidence.devices, evidence.parameters, false);
    if (seen.length > 0) used.push(joinFindings(seen.map(describeOffChannel), 2));
    if (used.length === 0) return pass(`Government business on corporate channels only: attested ${appNames(listed.value)} (${period})`);
    const text = justification.value.trim();
    if (text === '') return fail(`No justification recorded (${period}) for non-corporate channel use: ${used.join('; ')}`);
    const quoted = text.length > 80 ? `${text.slice(0, 77)}…` : text;
    return pass(`Non-corporate channel use justified: “${quoted}” (${period})`);
  },
};

/** G2 (critical): No SECRET or TOP SECRET information over a non-corporate channel. Always, from the attestation. */
export const G2: Rule = {
  id: 'G2',
  title: 'No SECRET or TOP SECRET information over a non-corporate channel',
  why: 'Classified information must stay on accredited systems; a non-corporate channel puts it beyond the government’s protection.',
  citation: NCCC,
  severity: 'critical',
  appliesWhen: 'Always, from the attestation.',
  remediation: [
    'Report the disclosure to your security officer today.',
    'Do not forward or delete the messages until the security officer tells you how to handle them.',
    'Use only accredited systems for classified information from now on.',
  ],
  check: (evidence, asOf) =>
    yesNoCheck(
      evidence,
      asOf,
      CLASSIFIED_QUESTION,
      'Attested sending SECRET or TOP SECRET information over a non-corporate channel',
      'Attested no classified information over non-corporate channels',
    ),
};

/** G3 (high): Private devices used for significant information only exceptionally. Always, from the attestation and from privately owned (BYOD) devices used for business. An approved exception waives it. */
export const G3: Rule = {
  id: 'G3',
  title: 'Private devices used for significant information only exceptionally',
  why: 'Privately owned devices are outside the department’s control; using them for significant information needs an approved exception.',
  citation: NCCC,
  severity: 'high',
  appliesWhen: 'Always, from the attestation and from privately owned (BYOD) devices used for business. An approved exception waives it.',
  remediation: [
    'Move significant government work to a corporate device.',
    'If you must use a private device, ask your compliance officer for a time-limited exception.',
    'Enrol the private device in device management and use only approved apps on it.',
  ],
  check: (evidence, asOf) => {
    const findings: string[] = [];
    const answer = readYesNo(evidence, asOf, PRIVATE_DEVICE_QUESTION);
    if (!answer.ok) findings.push(answer.outcome.reason);
    else if (answer.value) findings.push(`Attested significant government information on a private device (${answer.attestation.period})`);
    for (const device of evidence.devices) {
      const finding = privateDeviceFinding(evidence, device);
      if (finding) findings.push(finding);
    }
    const byod = evidence.devices.filter((d) => d.ownership === 'byod').length;
    return outcomeOf(findings, `No private device used for significant information (${plural(byod, 'private device')} checked)`);
  },
};

/** G4 (high): Official information on other channels moved to official systems promptly. Always, from the attestation; the window is the organisation’s forwarding window in days. */
export const G4: Rule = {
  id: 'G4',
  title: 'Official information on other channels moved to official systems promptly',
  why: 'Information on a private channel is still “held” for FOI: it must be copied to official systems so it is kept and can be found.',
  citation:
    'FOIA 2000 s.3(2)(b); s.46 Code of Practice on records management (2021); ICO guidance on official information held in non-corporate channels',
  severity: 'high',
  appliesWhen: 'Always, from the attestation; the window is the organisation’s forwarding window in days.',
  remediation: [
    'Copy or forward official information from non-corporate channels to your corporate email or records system.',
    'Do it within the forwarding window; add the date and participants if you paste a chat.',
    'Then delete the non-corporate copy, unless an FOI request or legal hold covers it.',
  ],
  check: (evidence, asOf) =>
    forwardingCheck(evidence, asOf, evidence.parameters.forwardingWindowDays, {
      received: GOVERNMENT_RECEIVED_OFF_CHANNEL,
      days: GOVERNMENT_FORWARDING_DAYS,
    }),
};

/** G5 (high): Disappearing messages off in chats used for official business. Always, from the attestation and from apps used for business on the person’s devices. */
export const G5: Rule = {
  id: 'G5',
  title: 'Disappearing messages off in chats used for official business',
  why: 'Auto-deleted messages are lost records: they cannot be kept, reviewed or released under FOI.',
  citation: `${NCCC}; local-authority NCCC policies`,
  severity: 'high',
  appliesWhen: 'Always, from the attestation and from apps used for business on the person’s devices.',
  remediation: [
    'Turn off disappearing messages in each chat used for work (WhatsApp: chat name › Disappearing messages › Off).',
    'Set the app’s default message timer to Off.',
    'Copy anything already at risk of deletion into the official record.',
  ],
  check: (evidence, asOf) => {
    const findings: string[] = [];
    const answer = readYesNo(evidence, asOf, DISAPPEARING_QUESTION);
    if (!answer.ok) findings.push(answer.outcome.reason);
    else if (answer.value) findings.push(`Attested disappearing messages in chats used for official business (${answer.attestation.period})`);
    const business = appUses(evidence.devices).filter(isBusinessUse);
    for (const use of business) {
      if (use.app.disappearingMessages) findings.push(`${appOnDevice(use.app, use.device)} has disappearing messages on`);
    }
    return outcomeOf(findings, `Disappearing messages off for ${plural(business.length, 'app')} used for business; none attested`);
  },
};

/** G6 (critical): Legal hold: nothing deleted once an FOI request covers it. Always, from the attestation. */
export const G6: Rule = {
  id: 'G6',
  title: 'Legal hold: nothing deleted once an FOI request covers it',
  why: 'Altering, erasing or hiding information after it has been requested under FOI is a criminal offence.',
  citation: 'FOIA 2000 s.77 (offence to alter, erase, destroy or conceal requested information)',
  severity: 'critical',
  appliesWhen: 'Always, from the attestation.',
  remediation: [
    'Tell your FOI or information-rights team straight away what was deleted or changed, and when.',
    'Keep everything that an open FOI request or legal hold covers, on every channel.',
  ],
  check: (evidence, asOf) =>
    yesNoCheck(
      evidence,
      asOf,
      FOI_DELETION_QUESTION,
      'Attested deleting or changing messages covered by an FOI request',
      'Attested nothing deleted under an FOI request',
    ),
};

/** G7 (critical): US federal records copied to an official account within 20 days. Only for US federal records (policy setting). The window is 20 days by statute, whatever the forwarding window. */
export const G7: Rule = {
  id: 'G7',
  title: 'US federal records copied to an official account within 20 days',
  why: 'Federal staff who use a non-official messaging account must copy an official account, or forward a complete copy within 20 days.',
  citation: '44 U.S.C. §2911(a) (§2209 for Presidential records)',
  severity: 'critical',
  appliesWhen: 'Only for US federal records (policy setting). The window is 20 days by statute, whatever the forwarding window.',
  remediation: [
    'Copy your official account on any message sent from a non-official account.',
    'Otherwise forward a complete copy to your official account within 20 days.',
    'Forward anything still outstanding today.',
  ],
  check: (evidence, asOf) => {
    if (!evidence.parameters.usFederalRecords) return notApplicable('Applies to US federal records only');
    return forwardingCheck(evidence, asOf, FEDERAL_RECORDS_FORWARDING_DAYS, {
      received: GOVERNMENT_RECEIVED_OFF_CHANNEL,
      days: GOVERNMENT_FORWARDING_DAYS,
    });
  },
};

/** Government rules G1–G7, in id order. */
export const GOVERNMENT_RULES: readonly Rule[] = [G1, G2, G3, G4, G5, G6, G7];
