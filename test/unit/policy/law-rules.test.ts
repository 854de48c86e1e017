import { describe } from 'vitest';
import { buildAttestation, buildByodPhone, buildDevice, buildEvidence, buildWhatsApp, withoutAttestation } from '../../helpers/evidence';
import { describeRuleTable } from './rule-table';

const law = (options: Parameters<typeof buildEvidence>[0] = {}) => buildEvidence({ sector: 'law', ...options });
const base = law();
const noAttestation = withoutAttestation(base);
const NO_ATTESTATION = /^No attestation on record for 2026-Q4$/;

describe('law rules', () => {
  describeRuleTable({
    ruleId: 'L1',
    sector: 'law',
    cases: [
      ['compliant', base, 'pass', /^Business messages on approved channels only: attested Microsoft Teams; 2 devices checked$/],
      ['client matters on personal channels', law({ answers: { client_matters_personal_channels: true } }), 'fail', /^Attested discussing client matters over personal messaging or email$/],
      ['WhatsApp for client work', law({ devices: [buildByodPhone([buildWhatsApp({ businessUse: true })])] }), 'fail', /WhatsApp 2\.24 on iPhone 13 \(BYOD\) is used for business without capture/],
      ['lists Signal', law({ answers: { business_apps: ['signal'] } }), 'fail', /Attested using Signal for business/],
      ['approved, uncaptured channel is fine in law', law({ parameters: { approvedChannels: [{ app: 'teams', captured: false }, { app: 'slack', captured: false }] } }), 'pass', /approved channels only/],
    ],
    missing: [
      ['no attestation', noAttestation, 'fail', NO_ATTESTATION],
      ['client question unanswered', law({ answers: { client_matters_personal_channels: undefined } }), 'fail', /does not answer/],
    ],
  });

  describeRuleTable({
    ruleId: 'L2',
    sector: 'law',
    cases: [
      ['register and record', base, 'pass', /^Register lists Microsoft Teams, Symphony, Slack; attestation for 2026-Q4 on record$/],
      ['empty register', law({ parameters: { approvedChannels: [] } }), 'fail', /^The approved-channel register is empty$/],
    ],
    missing: [['no attestation', noAttestation, 'fail', /^Register lists .*; No attestation on record for 2026-Q4$/]],
  });

  describeRuleTable({
    ruleId: 'L3',
    sector: 'law',
    cases: [
      ['read the policy', base, 'pass', /^Attested to messaging policy version 2026\.1 \(2026-Q4\)$/],
      ['not read', law({ answers: { read_messaging_policy: false } }), 'fail', /^Attested not having read or not following the messaging policy/],
      ['old policy version', { ...base, latestAttestation: buildAttestation({ ...base.latestAttestation, packVersion: '2025.4' }) }, 'fail', /^Attested to policy version 2025\.4; the current version is 2026\.1$/],
    ],
    missing: [['no attestation', noAttestation, 'fail', NO_ATTESTATION]],
  });

  describeRuleTable({
    ruleId: 'L4',
    sector: 'law',
    cases: [
      ['secure devices', base, 'pass', /^2 devices holding client data encrypted, locked, patched and managed$/],
      ['corporate phone not encrypted', law({ devices: [buildDevice({ encrypted: false })] }), 'fail', /^iPhone 15 \(corporate\): not encrypted$/],
      ['client-work BYOD phone with no passcode', law({ devices: [buildByodPhone([buildWhatsApp({ businessUse: true })], { passcode: false, mdmEnrolled: false })] }), 'fail', /^iPhone 13 \(BYOD\): no passcode, not managed$/],
      ['outdated OS', law({ devices: [buildDevice({ osVersion: '16.7.2' })] }), 'fail', /iOS 16\.7\.2 is below the supported minimum 17/],
      ['client data on an unlisted device', law({ answers: { unlisted_device_client_data: true } }), 'fail', /^Attested client data on a device not on record \(2026-Q4\)$/],
      ['personal phone without client data', law({ devices: [buildByodPhone([buildWhatsApp()], { encrypted: false })] }), 'not_applicable', /^No device on record holds client data$/],
    ],
    missing: [
      ['no devices', law({ devices: [] }), 'not_applicable', /^No devices on record \(see X1\)$/],
      ['no devices and no attestation', withoutAttestation(law({ devices: [] })), 'fail', NO_ATTESTATION],
      ['secure devices but no attestation', noAttestation, 'fail', NO_ATTESTATION],
    ],
  });

  describeRuleTable({
    ruleId: 'L5',
    sector: 'law',
    cases: [
      ['approved, encrypted only', base, 'pass', /^Attested sensitive matters only on approved, encrypted channels \(2026-Q4\)$/],
      ['sometimes elsewhere', law({ answers: { sensitive_matters_channel: 'sometimes_elsewhere' } }), 'fail', /^Attested discussing sensitive matters on other channels \(2026-Q4\)$/],
      ['no sensitive matters', law({ answers: { sensitive_matters_channel: 'no_sensitive_matters' } }), 'not_applicable', /^Attested handling no highly sensitive matters/],
    ],
    missing: [
      ['no attestation', noAttestation, 'fail', NO_ATTESTATION],
      ['unknown option', law({ answers: { sensitive_matters_channel: 'carrier pigeon' } }), 'fail', /unreadable answer/],
      ['unanswered', law({ answers: { sensitive_matters_channel: undefined } }), 'fail', /does not answer/],
    ],
  });
});
