import { formatDay } from '../time/days';
import { readList, readYesNo } from './answers';
import { CONTACTS_APART_QUESTION, businessAppsQuestion, unapprovedAppQuestion } from './common-questions';
import { appUses, describeOffChannel, holdsBusinessData, offChannelUses } from './device-checks';
import {
  NO_DEVICES_REASON,
  appNames,
  appOnDevice,
  attestationInForce,
  fail,
  isApproved,
  joinFindings,
  noAttestation,
  notApplicable,
  pass,
  plural,
} from './evidence';
import type { Rule } from './types';

/** Every-sector rules resting on records and attestations: X2, X3, X5, X6. */

/** X2: no unapproved app uploads the address book from a device holding business contacts, unless contacts are kept apart. */
export const X2_CONTACT_UPLOAD: Rule = {
  id: 'X2',
  title: 'Chat apps do not upload client contacts',
  why: 'Apps that upload the address book share clients’ and customers’ phone numbers with the app’s owner, without their knowledge or consent.',
  citation: 'UK GDPR Arts 5(1)(a), 12–14; DPC v WhatsApp Ireland (2021, €225m); ICO on WhatsApp–Facebook data sharing (2016)',
  severity: 'medium',
  appliesWhen:
    'When a device is on record. Checks unapproved apps on corporate devices and on devices used for business; passes if contact upload is off or business contacts are attested as kept apart.',
  remediation: [
    'Turn off contact access for the app (iOS: Settings › Privacy & Security › Contacts; Android: Settings › Apps › Permissions).',
    'Keep client and customer contacts in the work profile or work contacts app, not in the personal address book.',
    'Say so in your next attestation, then update the device record on My devices.',
  ],
  check: (evidence, asOf) => {
    const { devices, parameters } = evidence;
    if (devices.length === 0) return notApplicable(NO_DEVICES_REASON);
    const uploads = appUses(devices).filter(
      (use) => use.app.contactUpload && holdsBusinessData(use.device) && !isApproved(parameters, use.app.app),
    );
    if (uploads.length === 0) return pass(`Contact upload off for unapproved apps on ${plural(devices.length, 'device')}`);
    const named = joinFindings(uploads.map((use) => `${appOnDevice(use.app, use.device)} uploads the address book`));
    const answer = readYesNo(evidence, asOf, CONTACTS_APART_QUESTION);
    if (!answer.ok) return fail(`${named}; ${answer.outcome.reason}`);
    const period = answer.attestation.period;
    if (answer.value) return pass(`${named}, but business contacts are attested as kept apart (${period})`);
    return fail(`${named}; business contacts are not kept apart (attested ${period})`);
  },
};

/** X3: each approved channel has a data-sharing / DPIA assessment on record. */
export const X3_CHANNEL_ASSESSMENT: Rule = {
  id: 'X3',
  title: 'Each approved channel has a data-sharing assessment',
  why: 'Before client or customer data goes through a messaging service, the organisation must have assessed who else gets it and why.',
  citation: 'UK GDPR Art 35 (data protection impact assessment); ICO on WhatsApp–Facebook data sharing (2016)',
  severity: 'low',
  appliesWhen: 'When the organisation has approved at least one channel. This is an organisation-level record; staff cannot fix it themselves.',
  remediation: [
    'Ask your compliance officer to record the data-sharing assessment (DPIA) for each approved channel in Policy settings.',
    'Until then, keep client data out of the channels named in the finding.',
  ],
  check: (evidence) => {
    const channels = evidence.parameters.approvedChannels;
    if (channels.length === 0) return notApplicable('No approved channels configured');
    const missing = channels.filter((c) => c.dataSharingAssessed !== true).map((c) => c.app);
    if (missing.length > 0) return fail(`No data-sharing assessment (DPIA) recorded for ${appNames(missing)}`);
    return pass(`Data-sharing assessments recorded for ${appNames(channels.map((c) => c.app))}`);
  },
};

/** X5: the current campaign's attestation is submitted; overdue fails, not yet due is not applicable. */
export const X5_ATTESTATION_CURRENT: Rule = {
  id: 'X5',
  title: 'Attestation for the current period completed',
  why: 'A signed attestation each period is the evidence that the policy is known and followed; an overdue one is a gap in that record.',
  citation: 'All of the rules above: evidence of a working policy (SEC and FCA orders cite missing supervision records)',
  severity: 'high',
  appliesWhen:
    'When an attestation campaign covers the current period. Not applicable before its due date; a fail once it is overdue.',
  remediation: [
    'Open My compliance and complete the attestation for the current period.',
    'Answer every question truthfully: declaring a problem is better than an attestation contradicted by your devices.',
    'Sign with your full name and keep the receipt.',
  ],
  check: (evidence, asOf) => {
    const campaign = evidence.currentCampaign;
    if (!campaign) return notApplicable('No attestation campaign covers this period');
    const submitted = evidence.currentAttestation;
    if (submitted && submitted.submittedAt.getTime() <= asOf.getTime()) {
      return pass(`${campaign.period} attestation submitted ${formatDay(submitted.submittedAt)}`);
    }
    if (asOf.getTime() < campaign.opensAt.getTime()) {
      return notApplicable(`${campaign.period} attestation opens ${formatDay(campaign.opensAt)}`);
    }
    if (asOf.getTime() < campaign.dueAt.getTime()) {
      return notApplicable(`${campaign.period} attestation due ${formatDay(campaign.dueAt)}`);
    }
    return fail(`${campaign.period} attestation overdue since ${formatDay(campaign.dueAt)}`);
  },
};

/** X6: an attestation's "no unapproved apps" and its list of business apps agree with the device inventory. */
export const X6_ATTESTATION_MATCHES_INVENTORY: Rule = {
  id: 'X6',
  title: 'Attestation matches inventory',
  why: 'Regulators fined firms whose bans were “reinforced by annual attestations” that were not true. What people attest is checked against what is on their devices.',
  citation:
    'SEC off-channel settled orders (2020–2024: a ban reinforced by annual attestations did not protect the firm); Ofgem, Morgan Stanley (2023, £5.41m despite a WhatsApp ban)',
  severity: 'high',
  appliesWhen: 'Always needs an attestation; the cross-check is made when a device is on record.',
  remediation: [
    'If you do use the app for business, say so: correct your attestation (a correction is kept alongside the original).',
    'Otherwise stop using the app for business, or remove it from the device, and update the device record on My devices.',
    'Move the conversation to an approved channel and forward what was said into the official record.',
  ],
  check: (evidence, asOf) => {
    if (!attestationInForce(evidence, asOf)) return noAttestation(evidence, asOf);
    const { devices, parameters } = evidence;
    const unapprovedQuestion = unapprovedAppQuestion('X6');
    const unapproved = readYesNo(evidence, asOf, unapprovedQuestion);
    if (!unapproved.ok) return unapproved.outcome;
    const listed = readList(evidence, asOf, businessAppsQuestion('X6'));
    if (!listed.ok) return listed.outcome;
    if (devices.length === 0) return notApplicable(`${NO_DEVICES_REASON}: nothing to cross-check`);
    const uses = offChannelUses(devices, parameters, false);
    const findings: string[] = [];
    if (!unapproved.value && uses.length > 0) {
      findings.push(`Attested no unapproved apps for business, but ${joinFindings(uses.map(describeOffChannel))}`);
    }
    const unlisted = uses.filter((use) => !listed.value.includes(use.app.app));
    if (unapproved.value && unlisted.length > 0) {
      const names = joinFindings(unlisted.map((use) => appOnDevice(use.app, use.device)));
      findings.push(`Attested business apps ${appNames(listed.value)}, but not ${names}, which is used for business`);
    }
    if (findings.length > 0) return fail(findings.join('; '));
    const apps = appUses(devices).length;
    return pass(
      `Attestation (${unapproved.attestation.period}) matches ${plural(apps, 'app')} on ${plural(devices.length, 'device')}`,
    );
  },
};
