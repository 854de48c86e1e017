import { readText, readYesNo } from '../answers';
import { holdsBusinessData, securityProblems } from '../device-checks';
import {
  NO_DEVICES_REASON,
  approvedNames,
  attestationInForce,
  deviceLabel,
  fail,
  joinFindings,
  noAttestation,
  notApplicable,
  pass,
  plural,
} from '../evidence';
import { channelCheck } from '../shared-checks';
import type { Rule } from '../types';
import {
  CLIENT_MATTERS_PERSONAL_QUESTION,
  LAW_BUSINESS_APPS,
  LAW_UNAPPROVED_APP,
  READ_POLICY_QUESTION,
  SENSITIVE_CHANNEL,
  SENSITIVE_MATTERS_QUESTION,
  UNLISTED_DEVICE_QUESTION,
} from './law-questions';

/** Version of the law pack; attestations are bound to it and L3 asks for re-attestation when it changes. */
export const LAW_PACK_VERSION = '2026.1';

/** L1 (high): Client matters stay off personal messaging and email. Always: from the attestation and from the apps recorded as used for business on the person’s devices. */
export const L1: Rule = {
  id: 'L1',
  title: 'Client matters stay off personal messaging and email',
  why: 'Client confidentiality: messages on personal apps and email are outside the firm’s control, security and records.',
  citation: 'SRA Code of Conduct for Solicitors, para 6.3 (confidentiality)',
  severity: 'high',
  appliesWhen: 'Always: from the attestation and from the apps recorded as used for business on the person’s devices.',
  remediation: [
    'Move client conversations to an approved channel and save what was said to the matter file.',
    'Ask clients who message you on personal apps to use the approved channel.',
    'Stop using the unapproved app for client work, then update My devices.',
  ],
  check: (evidence, asOf) =>
    channelCheck(evidence, asOf, {
      requireCapture: false,
      businessApps: LAW_BUSINESS_APPS,
      unapprovedApp: LAW_UNAPPROVED_APP,
      extra: [
        {
          question: CLIENT_MATTERS_PERSONAL_QUESTION,
          finding: 'Attested discussing client matters over personal messaging or email',
        },
      ],
    }),
};

/** L2 (medium): Approved-channel register and compliance records kept. Always: the firm’s register of approved channels, and this person’s attestation as the record of compliance. */
export const L2: Rule = {
  id: 'L2',
  title: 'Approved-channel register and compliance records kept',
  why: 'The firm must be able to show which channels are approved and that each person follows the policy.',
  citation: 'SRA Code of Conduct for Firms, paras 2.1, 2.2, 2.5',
  severity: 'medium',
  appliesWhen: 'Always: the firm’s register of approved channels, and this person’s attestation as the record of compliance.',
  remediation: [
    'Complete your attestation so the firm holds a record of your compliance.',
    'If the register is empty, ask your compliance officer to record the approved channels in Policy settings.',
  ],
  check: (evidence, asOf) => {
    const channels = evidence.parameters.approvedChannels;
    if (channels.length === 0) return fail('The approved-channel register is empty');
    const attestation = attestationInForce(evidence, asOf);
    if (!attestation) return fail(`Register lists ${approvedNames(evidence.parameters)}; ${noAttestation(evidence, asOf).reason}`);
    return pass(`Register lists ${approvedNames(evidence.parameters)}; attestation for ${attestation.period} on record`);
  },
};

/** L3 (medium): Attested to the firm’s current messaging policy. Always, from the latest attestation, which must be to the current version of this pack. */
export const L3: Rule = {
  id: 'L3',
  title: 'Attested to the firm’s current messaging policy',
  why: 'People follow a policy they have read. Answers are bound to the policy version, so a new version needs a new attestation.',
  citation: 'SRA thematic review findings on fee-earners’ WhatsApp use on personal phones',
  severity: 'medium',
  appliesWhen: 'Always, from the latest attestation, which must be to the current version of this pack.',
  remediation: [
    'Read the firm’s messaging policy (linked on My compliance).',
    'Complete the attestation for the current policy version.',
    'Ask compliance about anything in the policy that does not fit how you work.',
  ],
  check: (evidence, asOf) => {
    const answer = readYesNo(evidence, asOf, READ_POLICY_QUESTION);
    if (!answer.ok) return answer.outcome;
    const { period, packVersion } = answer.attestation;
    if (!answer.value) return fail(`Attested not having read or not following the messaging policy (${period})`);
    if (packVersion !== LAW_PACK_VERSION) {
      return fail(`Attested to policy version ${packVersion}; the current version is ${LAW_PACK_VERSION}`);
    }
    return pass(`Attested to messaging policy version ${packVersion} (${period})`);
  },
};

/** L4 (high): Devices holding client data are encrypted, locked, patched and managed. To corporate devices and devices used for client work; the attestation must also say whether client data sits on any unlisted device. */
export const L4: Rule = {
  id: 'L4',
  title: 'Devices holding client data are encrypted, locked, patched and managed',
  why: 'Lawyers must make reasonable efforts to prevent unauthorised access to client information, and that includes the phone in their pocket.',
  citation: 'ABA Model Rule 1.6(c); ABA Formal Opinion 477R (May 2017)',
  severity: 'high',
  appliesWhen:
    'To corporate devices and devices used for client work; the attestation must also say whether client data sits on any unlisted device.',
  remediation: [
    'Turn on encryption and a passcode or biometric lock on every device holding client data.',
    'Install operating system updates; replace devices that no longer receive them.',
    'Enrol the device in the firm’s device management, or move client data off it.',
    'List every device that holds client data on My devices.',
  ],
  check: (evidence, asOf) => {
    const findings: string[] = [];
    const unlisted = readYesNo(evidence, asOf, UNLISTED_DEVICE_QUESTION);
    if (!unlisted.ok) findings.push(unlisted.outcome.reason);
    else if (unlisted.value) findings.push(`Attested client data on a device not on record (${unlisted.attestation.period})`);
    const holding = evidence.devices.filter(holdsBusinessData);
    for (const device of holding) {
      const problems = securityProblems(device, evidence.parameters);
      if (problems.length > 0) findings.push(`${deviceLabel(device)}: ${problems.join(', ')}`);
    }
    if (findings.length > 0) return fail(joinFindings(findings));
    if (evidence.devices.length === 0) return notApplicable(NO_DEVICES_REASON);
    if (holding.length === 0) return notApplicable('No device on record holds client data');
    return pass(`${plural(holding.length, 'device')} holding client data encrypted, locked, patched and managed`);
  },
};

/** L5 (medium): Sensitive matters only on an approved, encrypted channel. Always, from the attestation; not applicable to people who attest they handle no highly sensitive matters. */
export const L5: Rule = {
  id: 'L5',
  title: 'Sensitive matters only on an approved, encrypted channel',
  why: 'Highly sensitive client matters call for more than ordinary care: an encrypted channel the firm has approved.',
  citation: 'ABA Formal Opinion 477R (May 2017)',
  severity: 'medium',
  appliesWhen: 'Always, from the attestation; not applicable to people who attest they handle no highly sensitive matters.',
  remediation: [
    'Discuss sensitive matters only on an approved, encrypted channel, or in person.',
    'Move any sensitive thread now on another channel to the approved one and save it to the matter file.',
  ],
  check: (evidence, asOf) => {
    const answer = readText(evidence, asOf, SENSITIVE_MATTERS_QUESTION);
    if (!answer.ok) return answer.outcome;
    const period = answer.attestation.period;
    if (answer.value === SENSITIVE_CHANNEL.approved) return pass(`Attested sensitive matters only on approved, encrypted channels (${period})`);
    if (answer.value === SENSITIVE_CHANNEL.none) return notApplicable(`Attested handling no highly sensitive matters (${period})`);
    if (answer.value === SENSITIVE_CHANNEL.elsewhere) return fail(`Attested discussing sensitive matters on other channels (${period})`);
    return fail(`Attestation for ${period} has an unreadable answer to "${SENSITIVE_MATTERS_QUESTION.text}"`);
  },
};

/** Law rules L1–L5, in id order. */
export const LAW_RULES: readonly Rule[] = [L1, L2, L3, L4, L5];
