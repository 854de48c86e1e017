import { describe } from 'vitest';
import {
  AS_OF,
  buildApp,
  buildAttestation,
  buildByodPhone,
  buildCampaign,
  buildDevice,
  buildEvidence,
  buildWhatsApp,
  daysAfter,
  daysBefore,
  withoutAttestation,
} from '../../helpers/evidence';
import { describeRuleTable } from './rule-table';

const base = buildEvidence();
const noAttestation = withoutAttestation(base);
const NO_ATTESTATION = /^No attestation on record for 2026-Q4$/;
const one = (overrides: Parameters<typeof buildDevice>[0]) => buildEvidence({ devices: [buildDevice(overrides)] });

describe('every-sector rules', () => {
  describeRuleTable({
    ruleId: 'X1',
    sector: 'finance',
    cases: [
      ['secure devices', base, 'pass', /^2 devices encrypted, passcode-locked, managed and on a supported OS$/],
      ['not encrypted', one({ encrypted: false }), 'fail', /^iPhone 15 \(corporate\): not encrypted$/],
      ['everything wrong', one({ encrypted: false, passcode: false, mdmEnrolled: false, osVersion: '16.7' }), 'fail', /^iPhone 15 \(corporate\): not encrypted, no passcode, not managed, iOS 16\.7 is below the supported minimum 17$/],
      ['OS exactly on the minimum', one({ osVersion: '17.0' }), 'pass', /1 device/],
      ['OS minimum raised by policy', buildEvidence({ parameters: { minimumOsMajor: { ios: 18 } }, devices: [buildDevice()] }), 'fail', /below the supported minimum 18/],
      ['Android below minimum', one({ model: 'Pixel 6', os: 'android', osVersion: '12' }), 'fail', /^Pixel 6 \(corporate\): Android 12 is below the supported minimum 13$/],
      ['several devices named', buildEvidence({ devices: [buildDevice({ passcode: false }), buildByodPhone([], { encrypted: false })] }), 'fail', /^iPhone 15 \(corporate\): no passcode; iPhone 13 \(BYOD\): not encrypted$/],
    ],
    missing: [
      ['no devices on record', buildEvidence({ devices: [] }), 'fail', /^No devices on record/],
      ['unreadable OS version', one({ osVersion: 'beta' }), 'fail', /OS version "beta" unreadable/],
    ],
  });

  const uploader = buildByodPhone([buildWhatsApp({ businessUse: true, contactUpload: true })]);
  describeRuleTable({
    ruleId: 'X2',
    sector: 'finance',
    cases: [
      ['no uploads', base, 'pass', /^Contact upload off for unapproved apps on 2 devices$/],
      ['upload, contacts not kept apart', buildEvidence({ devices: [uploader], answers: { business_contacts_separate: false } }), 'fail', /^WhatsApp 2\.24 on iPhone 13 \(BYOD\) uploads the address book; business contacts are not kept apart \(attested 2026-Q4\)$/],
      ['upload, contacts kept apart', buildEvidence({ devices: [uploader] }), 'pass', /uploads the address book, but business contacts are attested as kept apart \(2026-Q4\)$/],
      ['upload on a personal-only phone', buildEvidence({ devices: [buildByodPhone([buildWhatsApp({ contactUpload: true })])], answers: { business_contacts_separate: false } }), 'pass', /Contact upload off/],
      ['upload by an approved channel', buildEvidence({ devices: [buildDevice({ apps: [buildApp({ contactUpload: true })] })], answers: { business_contacts_separate: false } }), 'pass', /Contact upload off/],
      ['upload on a corporate phone', buildEvidence({ devices: [buildDevice({ apps: [buildWhatsApp({ contactUpload: true })] })], answers: { business_contacts_separate: false } }), 'fail', /on iPhone 15 \(corporate\) uploads the address book/],
      ['no devices', buildEvidence({ devices: [] }), 'not_applicable', /^No devices on record \(see X1\)$/],
    ],
    missing: [['upload and no attestation', withoutAttestation(buildEvidence({ devices: [uploader] })), 'fail', /uploads the address book; No attestation on record for 2026-Q4$/]],
  });

  describeRuleTable({
    ruleId: 'X3',
    sector: 'finance',
    cases: [
      ['assessed', base, 'pass', /^Data-sharing assessments recorded for Microsoft Teams, Symphony, Slack$/],
      ['one channel not assessed', buildEvidence({ parameters: { approvedChannels: [{ app: 'teams', captured: true, dataSharingAssessed: true }, { app: 'whatsapp', captured: true, dataSharingAssessed: false }] } }), 'fail', /^No data-sharing assessment \(DPIA\) recorded for WhatsApp$/],
      ['no approved channels', buildEvidence({ parameters: { approvedChannels: [] } }), 'not_applicable', /^No approved channels configured$/],
    ],
    missing: [['assessment not recorded at all', buildEvidence({ parameters: { approvedChannels: [{ app: 'slack', captured: true }] } }), 'fail', /recorded for Slack$/]],
  });

  describeRuleTable({
    ruleId: 'X4',
    sector: 'finance',
    cases: [
      ['no consumer chat apps', base, 'pass', /^No consumer chat app used for work on 2 devices$/],
      ['work WhatsApp with backup off', buildEvidence({ devices: [buildByodPhone([buildWhatsApp({ businessUse: true })])] }), 'pass', /^Cloud backup off for 1 consumer chat app used for work on 1 device$/],
      ['work WhatsApp with backup on', buildEvidence({ devices: [buildByodPhone([buildWhatsApp({ businessUse: true, cloudBackup: true })])] }), 'fail', /^WhatsApp 2\.24 on iPhone 13 \(BYOD\) has cloud backup on$/],
      ['WhatsApp on a corporate phone with backup on', buildEvidence({ devices: [buildDevice({ apps: [buildWhatsApp({ cloudBackup: true })] })] }), 'fail', /on iPhone 15 \(corporate\) has cloud backup on/],
      ['personal WhatsApp on a personal phone', buildEvidence({ devices: [buildByodPhone([buildWhatsApp({ cloudBackup: true })])] }), 'pass', /No consumer chat app used for work/],
      ['attested personal backup', buildEvidence({ answers: { chat_backup_personal: true } }), 'fail', /^Attested that work chats back up to a personal cloud \(2026-Q4\)$/],
      ['attested personal backup, no devices', buildEvidence({ devices: [], answers: { chat_backup_personal: true } }), 'fail', /Attested that work chats back up/],
      ['no devices', buildEvidence({ devices: [] }), 'not_applicable', /^No devices on record \(see X1\)$/],
    ],
    missing: [
      ['no attestation, clean devices', noAttestation, 'fail', NO_ATTESTATION],
      ['no devices and no attestation', withoutAttestation(buildEvidence({ devices: [] })), 'fail', NO_ATTESTATION],
      ['backup on and no attestation', withoutAttestation(buildEvidence({ devices: [buildDevice({ apps: [buildWhatsApp({ cloudBackup: true })] })] })), 'fail', /^No attestation on record for 2026-Q4; WhatsApp 2\.24 on iPhone 15 \(corporate\) has cloud backup on$/],
    ],
  });

  const notSubmitted = { currentAttestation: null };
  describeRuleTable({
    ruleId: 'X5',
    sector: 'finance',
    cases: [
      ['submitted', base, 'pass', /^2026-Q4 attestation submitted 3 Nov 2026$/],
      ['not yet due', buildEvidence(notSubmitted), 'not_applicable', /^2026-Q4 attestation due 15 Dec 2026$/],
      ['overdue', buildEvidence({ ...notSubmitted, currentCampaign: buildCampaign({ dueAt: daysBefore(5) }) }), 'fail', /^2026-Q4 attestation overdue since 15 Nov 2026$/],
      ['due this very moment', buildEvidence({ ...notSubmitted, currentCampaign: buildCampaign({ dueAt: AS_OF }) }), 'fail', /overdue since 20 Nov 2026/],
      ['not yet open', buildEvidence({ ...notSubmitted, currentCampaign: buildCampaign({ opensAt: daysAfter(3), dueAt: daysAfter(30) }) }), 'not_applicable', /^2026-Q4 attestation opens 23 Nov 2026$/],
      ['no campaign', buildEvidence({ currentCampaign: null, currentAttestation: null }), 'not_applicable', /^No attestation campaign covers this period$/],
    ],
    missing: [
      ['overdue, never attested', withoutAttestation(buildEvidence({ currentCampaign: buildCampaign({ dueAt: daysBefore(1) }) })), 'fail', /overdue since 19 Nov 2026/],
      ['overdue, submitted only after the scoring day', buildEvidence({ currentCampaign: buildCampaign({ dueAt: daysBefore(1) }), currentAttestation: buildAttestation({ submittedAt: daysAfter(2) }) }), 'fail', /overdue/],
    ],
  });

  const byodWhatsApp = buildByodPhone([buildWhatsApp({ businessUse: true })]);
  describeRuleTable({
    ruleId: 'X6',
    sector: 'finance',
    cases: [
      ['attestation agrees with devices', base, 'pass', /^Attestation \(2026-Q4\) matches 2 apps on 2 devices$/],
      ['denies unapproved apps, WhatsApp for work on BYOD', buildEvidence({ devices: [byodWhatsApp] }), 'fail', /^Attested no unapproved apps for business, but WhatsApp 2\.24 on iPhone 13 \(BYOD\) is used for business without capture$/],
      ['denies unapproved apps, WhatsApp Business on a corporate phone', buildEvidence({ devices: [buildDevice({ apps: [buildApp(), buildWhatsApp({ app: 'whatsapp_business' })] })] }), 'fail', /^Attested no unapproved apps for business, but WhatsApp Business 2\.24 on iPhone 15 \(corporate\) is used for business without capture$/],
      ['declares WhatsApp honestly', buildEvidence({ devices: [byodWhatsApp], answers: { unapproved_app_for_business: true, business_apps: ['teams', 'whatsapp'] } }), 'pass', /matches 1 app on 1 device/],
      ['declares unapproved use but not which app', buildEvidence({ devices: [byodWhatsApp], answers: { unapproved_app_for_business: true, business_apps: ['teams'] } }), 'fail', /^Attested business apps Microsoft Teams, but not WhatsApp 2\.24 on iPhone 13 \(BYOD\), which is used for business$/],
      ['no devices to cross-check', buildEvidence({ devices: [] }), 'not_applicable', /^No devices on record \(see X1\): nothing to cross-check$/],
    ],
    missing: [
      ['no attestation', noAttestation, 'fail', NO_ATTESTATION],
      ['no attestation and no devices', withoutAttestation(buildEvidence({ devices: [] })), 'fail', NO_ATTESTATION],
      ['cross-check question unanswered', buildEvidence({ answers: { unapproved_app_for_business: undefined } }), 'fail', /does not answer/],
    ],
  });

  describeRuleTable({
    ruleId: 'X7',
    sector: 'finance',
    cases: [
      ['seen yesterday', base, 'pass', /^2 devices seen within the last 7 days$/],
      ['seen exactly 7 days ago', one({ lastSeenAt: daysBefore(7) }), 'pass', /1 device seen/],
      ['seen 8 days ago', one({ lastSeenAt: daysBefore(8) }), 'fail', /^iPhone 15 \(corporate\) last seen 8 days ago \(limit 7\)$/],
      ['limit raised to 14', buildEvidence({ parameters: { staleDeviceDays: 14 }, devices: [buildDevice({ lastSeenAt: daysBefore(8) })] }), 'pass', /within the last 14 days/],
      ['no devices', buildEvidence({ devices: [] }), 'not_applicable', /^No devices on record \(see X1\)$/],
    ],
    missing: [['never seen', one({ lastSeenAt: null }), 'fail', /^iPhone 15 \(corporate\) has never been seen$/]],
  });
});
