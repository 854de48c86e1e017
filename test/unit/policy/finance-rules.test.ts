import { describe } from 'vitest';
import {
  buildApp,
  buildByodPhone,
  buildDevice,
  buildEvidence,
  buildWhatsApp,
  daysBefore,
  withoutAttestation,
} from '../../helpers/evidence';
import { describeRuleTable } from './rule-table';

const base = buildEvidence();
const noAttestation = withoutAttestation(base);
const NO_ATTESTATION = /^No attestation on record for 2026-Q4$/;
const byodWhatsApp = buildByodPhone([buildWhatsApp({ businessUse: true })]);
const teamsWith = (app: Parameters<typeof buildApp>[0]) => [buildDevice({ apps: [buildApp(app)] })];

describe('finance rules', () => {
  describeRuleTable({
    ruleId: 'F1',
    sector: 'finance',
    cases: [
      ['compliant', base, 'pass', /^Business messages on approved, captured channels only: attested Microsoft Teams; 2 devices checked$/],
      ['attests unapproved use', buildEvidence({ answers: { unapproved_app_for_business: true } }), 'fail', /Attested using an app that is not approved/],
      ['lists WhatsApp', buildEvidence({ answers: { business_apps: ['teams', 'whatsapp'] } }), 'fail', /Attested using WhatsApp for business; allowed: Microsoft Teams, Symphony, Slack/],
      ['WhatsApp used for business on a BYOD phone', buildEvidence({ devices: [byodWhatsApp] }), 'fail', /WhatsApp 2\.24 on iPhone 13 \(BYOD\) is used for business without capture/],
      ['WhatsApp Business on a corporate phone', buildEvidence({ devices: [buildDevice({ apps: [buildWhatsApp({ app: 'whatsapp_business' })] })] }), 'fail', /WhatsApp Business 2\.24 on iPhone 15 \(corporate\) is used for business without capture/],
      ['approved but not captured', buildEvidence({ parameters: { approvedChannels: [{ app: 'teams', captured: false }] } }), 'fail', /Microsoft Teams .*allowed: none/],
      ['personal WhatsApp not used for business', buildEvidence({ devices: [buildByodPhone([buildWhatsApp()])] }), 'pass', /1 device checked/],
    ],
    missing: [
      ['no attestation', noAttestation, 'fail', /No attestation on record for 2026-Q4/],
      ['no answer on business apps', buildEvidence({ answers: { business_apps: undefined } }), 'fail', /does not answer "Which apps do you use for business messages\?"/],
      ['unreadable answer', buildEvidence({ answers: { unapproved_app_for_business: 'maybe' } }), 'fail', /unreadable answer/],
    ],
  });

  describeRuleTable({
    ruleId: 'F2',
    sector: 'finance',
    cases: [
      ['capture healthy', base, 'pass', /^Capture on and synced within 3 days for 2 captured apps on 2 devices$/],
      ['capture off', buildEvidence({ devices: teamsWith({ captureEnabled: false }) }), 'fail', /^Capture is off for Microsoft Teams 24\.1 on iPhone 15 \(corporate\)$/],
      ['synced 9 days ago', buildEvidence({ devices: teamsWith({ lastCaptureSyncAt: daysBefore(9) }) }), 'fail', /^Capture on Microsoft Teams 24\.1 on iPhone 15 \(corporate\) last synced 9 days ago \(limit 3\)$/],
      ['synced exactly 3 days ago', buildEvidence({ devices: teamsWith({ lastCaptureSyncAt: daysBefore(3) }) }), 'pass', /synced within 3 days/],
      ['synced 4 days ago', buildEvidence({ devices: teamsWith({ lastCaptureSyncAt: daysBefore(4) }) }), 'fail', /4 days ago \(limit 3\)/],
      ['limit raised to 10', buildEvidence({ parameters: { captureSyncMaxAgeDays: 10 }, devices: teamsWith({ lastCaptureSyncAt: daysBefore(9) }) }), 'pass', /within 10 days/],
      ['no captured app on devices', buildEvidence({ devices: [buildDevice({ apps: [buildApp({ app: 'imessage', businessUse: false })] })] }), 'not_applicable', /^No captured channel app on 1 device$/],
      ['no devices', buildEvidence({ devices: [] }), 'not_applicable', /^No devices on record \(see X1\)$/],
    ],
    missing: [['never synced', buildEvidence({ devices: teamsWith({ lastCaptureSyncAt: null }) }), 'fail', /has never synced/]],
  });

  describeRuleTable({
    ruleId: 'F3',
    sector: 'finance',
    cases: [
      ['none received', base, 'pass', /^Attested no business messages received off-channel \(2026-Q4\)$/],
      ['forwarded on the limit', buildEvidence({ answers: { received_off_channel: true, forwarding_days: 10 } }), 'pass', /within 10 days \(limit 10/],
      ['forwarded late', buildEvidence({ answers: { received_off_channel: true, forwarding_days: 11 } }), 'fail', /^Off-channel messages took up to 11 days to forward \(limit 10, attested 2026-Q4\)$/],
      ['window shortened to 5', buildEvidence({ parameters: { forwardingWindowDays: 5 }, answers: { received_off_channel: true, forwarding_days: 6 } }), 'fail', /limit 5/],
    ],
    missing: [
      ['no attestation', noAttestation, 'fail', NO_ATTESTATION],
      ['received but no number', buildEvidence({ answers: { received_off_channel: true, forwarding_days: undefined } }), 'fail', /does not answer/],
    ],
  });

  const supervisor = buildEvidence({ isSupervisor: true });
  describeRuleTable({
    ruleId: 'F4',
    sector: 'finance',
    cases: [
      ['compliant supervisor', supervisor, 'pass', /^Supervisor attested no off-channel use and documented correspondence reviews \(2026-Q4\)$/],
      ['own off-channel use', buildEvidence({ isSupervisor: true, answers: { supervisor_off_channel_use: true } }), 'fail', /^Supervisor attested own use of an unapproved channel for business$/],
      ['reviews not documented', buildEvidence({ isSupervisor: true, answers: { correspondence_reviews_documented: false } }), 'fail', /^Correspondence reviews not documented this period$/],
      ['not a supervisor', base, 'not_applicable', /^Applies to supervisors only$/],
      ['not a supervisor, no attestation', noAttestation, 'not_applicable', /supervisors only/],
    ],
    missing: [
      ['supervisor without attestation', withoutAttestation(supervisor), 'fail', NO_ATTESTATION],
      ['supervisor questions unanswered', buildEvidence({ isSupervisor: true, answers: { supervisor_off_channel_use: undefined } }), 'fail', /does not answer "As a supervisor/],
    ],
  });

  const swap = { usSwapDealer: true };
  describeRuleTable({
    ruleId: 'F5',
    sector: 'finance',
    cases: [
      ['swap dealer, compliant', buildEvidence({ parameters: swap }), 'pass', /^Written business communications captured on 2 devices; no uncaptured texts attested$/],
      ['not a swap dealer', buildEvidence({ answers: { business_texts: true } }), 'not_applicable', /^Applies to swap dealers and futures firms only$/],
      ['business texts, not captured', buildEvidence({ parameters: swap, answers: { business_texts: true } }), 'fail', /^Attested business text messages, but text messages are not a captured channel$/],
      ['business texts, texts captured', buildEvidence({ parameters: { ...swap, approvedChannels: [{ app: 'teams', captured: true }, { app: 'imessage', captured: true }] }, answers: { business_texts: true } }), 'pass', /captured/],
      ['uncaptured business chat', buildEvidence({ parameters: swap, devices: [byodWhatsApp] }), 'fail', /^WhatsApp 2\.24 on iPhone 13 \(BYOD\) carries business messages that are not captured$/],
    ],
    missing: [['swap dealer without attestation', withoutAttestation(buildEvidence({ parameters: swap })), 'fail', NO_ATTESTATION]],
  });

  const mifid = { ukMifidActivity: true };
  describeRuleTable({
    ruleId: 'F6',
    sector: 'finance',
    cases: [
      ['MiFID, compliant', buildEvidence({ parameters: mifid }), 'pass', /^Business conversations recorded on 2 devices$/],
      ['MiFID, BYOD with captured Teams', buildEvidence({ parameters: mifid, devices: [buildByodPhone([buildApp()])] }), 'pass', /iPhone 13 \(BYOD\) recorded through capture/],
      ['no MiFID activity', buildEvidence({ devices: [byodWhatsApp] }), 'not_applicable', /^Applies to UK MiFID business only$/],
      ['attests unrecorded personal device', buildEvidence({ parameters: mifid, answers: { personal_device_unrecorded: true } }), 'fail', /^Attested trade or client conversations on a personal device the firm cannot record$/],
      ['WhatsApp on BYOD', buildEvidence({ parameters: mifid, devices: [byodWhatsApp] }), 'fail', /^WhatsApp 2\.24 on iPhone 13 \(BYOD\) carries business messages the firm cannot record$/],
    ],
    missing: [['MiFID without attestation', withoutAttestation(buildEvidence({ parameters: mifid })), 'fail', NO_ATTESTATION]],
  });

  describeRuleTable({
    ruleId: 'F7',
    sector: 'finance',
    cases: [
      ['compliant', base, 'pass', /^Attested no client-confidential information over personal messaging \(2026-Q4\)$/],
      ['shared client information', buildEvidence({ answers: { client_info_personal_channels: true } }), 'fail', /^Attested sharing client-confidential information over personal messaging \(2026-Q4\)$/],
    ],
    missing: [
      ['no attestation', noAttestation, 'fail', NO_ATTESTATION],
      ['attestation submitted after the scoring day', { ...base, latestAttestation: { ...base.latestAttestation!, submittedAt: daysBefore(-1) } }, 'fail', NO_ATTESTATION],
    ],
  });
});
