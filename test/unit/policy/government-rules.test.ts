import { describe } from 'vitest';
import { buildApp, buildByodPhone, buildDevice, buildEvidence, buildWhatsApp, withoutAttestation } from '../../helpers/evidence';
import { describeRuleTable } from './rule-table';

const gov = (options: Parameters<typeof buildEvidence>[0] = {}) => buildEvidence({ sector: 'government', ...options });
const base = gov();
const noAttestation = withoutAttestation(base);
const NO_ATTESTATION = /^No attestation on record for 2026-Q4$/;
const byodWhatsApp = buildByodPhone([buildWhatsApp({ businessUse: true })]);
const federal = { usFederalRecords: true };

describe('government rules', () => {
  describeRuleTable({
    ruleId: 'G1',
    sector: 'government',
    cases: [
      ['corporate channels only', base, 'pass', /^Government business on corporate channels only: attested Microsoft Teams \(2026-Q4\)$/],
      ['unjustified non-corporate use', gov({ answers: { unapproved_app_for_business: true } }), 'fail', /^No justification recorded \(2026-Q4\) for non-corporate channel use: attested use of an unapproved app$/],
      ['justified non-corporate use', gov({ answers: { unapproved_app_for_business: true, nccc_justification: 'Teams outage during the flood response' } }), 'pass', /^Non-corporate channel use justified: “Teams outage during the flood response” \(2026-Q4\)$/],
      ['WhatsApp seen on a device, not justified', gov({ devices: [byodWhatsApp] }), 'fail', /^No justification recorded \(2026-Q4\) for non-corporate channel use: WhatsApp 2\.24 on iPhone 13 \(BYOD\) is used for business without capture$/],
      ['lists WhatsApp, not justified', gov({ answers: { business_apps: ['teams', 'whatsapp'] } }), 'fail', /for non-corporate channel use: attested WhatsApp$/],
      ['long justification is shortened', gov({ answers: { unapproved_app_for_business: true, nccc_justification: 'x'.repeat(200) } }), 'pass', /x{77}…” \(2026-Q4\)$/],
    ],
    missing: [
      ['no attestation', noAttestation, 'fail', NO_ATTESTATION],
      ['justification not text', gov({ answers: { unapproved_app_for_business: true, nccc_justification: 3 } }), 'fail', /unreadable answer/],
    ],
  });

  describeRuleTable({
    ruleId: 'G2',
    sector: 'government',
    cases: [
      ['never', base, 'pass', /^Attested no classified information over non-corporate channels/],
      ['classified on a non-corporate channel', gov({ answers: { classified_on_nccc: true } }), 'fail', /^Attested sending SECRET or TOP SECRET information over a non-corporate channel/],
    ],
    missing: [['no attestation', noAttestation, 'fail', NO_ATTESTATION]],
  });

  describeRuleTable({
    ruleId: 'G3',
    sector: 'government',
    cases: [
      ['corporate devices only', base, 'pass', /^No private device used for significant information \(0 private devices checked\)$/],
      ['managed private phone with Teams', gov({ devices: [buildByodPhone([buildApp()])] }), 'pass', /1 private device checked/],
      ['attests private device use', gov({ answers: { private_device_significant_info: true } }), 'fail', /^Attested significant government information on a private device \(2026-Q4\)$/],
      ['unmanaged private phone with Teams', gov({ devices: [buildByodPhone([buildApp()], { mdmEnrolled: false })] }), 'fail', /^iPhone 13 \(BYOD\) carries government business on Microsoft Teams and is not managed$/],
      ['managed private phone with WhatsApp for work', gov({ devices: [byodWhatsApp] }), 'fail', /^iPhone 13 \(BYOD\) carries government business on WhatsApp$/],
      ['private phone, personal use only', gov({ devices: [buildByodPhone([buildWhatsApp()], { mdmEnrolled: false })] }), 'pass', /1 private device checked/],
    ],
    missing: [['no attestation', noAttestation, 'fail', NO_ATTESTATION]],
  });

  describeRuleTable({
    ruleId: 'G4',
    sector: 'government',
    cases: [
      ['none received', base, 'pass', /^Attested no business messages received off-channel/],
      ['forwarded in time', gov({ answers: { received_off_channel: true, forwarding_days: 4 } }), 'pass', /within 4 days \(limit 10/],
      ['forwarded late', gov({ answers: { received_off_channel: true, forwarding_days: 15 } }), 'fail', /took up to 15 days to forward \(limit 10/],
    ],
    missing: [
      ['no attestation', noAttestation, 'fail', NO_ATTESTATION],
      ['days unanswered', gov({ answers: { received_off_channel: true, forwarding_days: undefined } }), 'fail', /does not answer/],
    ],
  });

  describeRuleTable({
    ruleId: 'G5',
    sector: 'government',
    cases: [
      ['off everywhere', base, 'pass', /^Disappearing messages off for 2 apps used for business; none attested$/],
      ['attested on', gov({ answers: { disappearing_messages_used: true } }), 'fail', /^Attested disappearing messages in chats used for official business/],
      ['on in a work chat', gov({ devices: [buildByodPhone([buildWhatsApp({ businessUse: true, disappearingMessages: true })])] }), 'fail', /^WhatsApp 2\.24 on iPhone 13 \(BYOD\) has disappearing messages on$/],
      ['on in a personal chat only', gov({ devices: [buildDevice(), buildByodPhone([buildWhatsApp({ disappearingMessages: true })])] }), 'pass', /1 app used for business/],
    ],
    missing: [['no attestation', noAttestation, 'fail', NO_ATTESTATION]],
  });

  describeRuleTable({
    ruleId: 'G6',
    sector: 'government',
    cases: [
      ['nothing deleted', base, 'pass', /^Attested nothing deleted under an FOI request/],
      ['deleted under hold', gov({ answers: { deleted_under_foi_hold: true } }), 'fail', /^Attested deleting or changing messages covered by an FOI request/],
    ],
    missing: [['no attestation', noAttestation, 'fail', NO_ATTESTATION]],
  });

  describeRuleTable({
    ruleId: 'G7',
    sector: 'government',
    cases: [
      ['federal, none received', gov({ parameters: federal }), 'pass', /no business messages received off-channel/],
      ['federal, forwarded on day 20 (window 10 ignored)', gov({ parameters: federal, answers: { received_off_channel: true, forwarding_days: 20 } }), 'pass', /within 20 days \(limit 20/],
      ['federal, day 21', gov({ parameters: federal, answers: { received_off_channel: true, forwarding_days: 21 } }), 'fail', /^Off-channel messages took up to 21 days to forward \(limit 20, attested 2026-Q4\)$/],
      ['federal, window 30 does not stretch the statute', gov({ parameters: { ...federal, forwardingWindowDays: 30 }, answers: { received_off_channel: true, forwarding_days: 25 } }), 'fail', /limit 20/],
      ['not federal', gov({ answers: { received_off_channel: true, forwarding_days: 90 } }), 'not_applicable', /^Applies to US federal records only$/],
    ],
    missing: [['federal without attestation', withoutAttestation(gov({ parameters: federal })), 'fail', NO_ATTESTATION]],
  });
});
