import { daysBetween } from '../time/days';
import { readYesNo } from './answers';
import { CHAT_BACKUP_QUESTION } from './common-questions';
import { CONSUMER_CHAT_APPS, appUses, isBusinessUse, securityProblems } from './device-checks';
import { NO_DEVICES_REASON, appOnDevice, deviceLabel, fail, joinFindings, notApplicable, pass, plural } from './evidence';
import type { Rule } from './types';

/** Every-sector rules resting mainly on device facts: X1 (device security), X4 (chat backups), X7 (freshness). */

/** X1: every device on record is encrypted, passcode-locked, managed and on a supported OS; none on record fails. */
export const X1_DEVICE_SECURITY: Rule = {
  id: 'X1',
  title: 'Devices are encrypted, locked, managed and up to date',
  why: 'A lost or stolen phone or laptop with work messages on it is a data breach unless it is encrypted, locked and can be wiped.',
  citation: 'UK GDPR Art 5(1)(f) (integrity and confidentiality); UK GDPR Art 32 (security of processing)',
  severity: 'high',
  appliesWhen:
    'Always. Every device on record must be encrypted, passcode-locked, managed (MDM or app protection) and on a supported OS version; having no device on record is itself a finding.',
  remediation: [
    'Register every phone, tablet and computer you use for work on the My devices page.',
    'Turn on a screen lock (six-digit passcode or biometrics) and device encryption.',
    'Update the operating system to at least the supported minimum; replace devices that can no longer be updated.',
    'Enrol the device in the organisation’s device management (Company Portal, Intune or Jamf) so it can be wiped if lost.',
  ],
  check: (evidence) => {
    const { devices, parameters } = evidence;
    if (devices.length === 0) return fail('No devices on record: the devices used for work are unknown');
    const findings = devices.flatMap((device) => {
      const problems = securityProblems(device, parameters);
      return problems.length > 0 ? [`${deviceLabel(device)}: ${problems.join(', ')}`] : [];
    });
    if (findings.length > 0) return fail(joinFindings(findings));
    return pass(`${plural(devices.length, 'device')} encrypted, passcode-locked, managed and on a supported OS`);
  },
};

/**
 * X4: consumer chat apps used for work (or on corporate devices) have cloud backup off, and the attestation
 * says no work chat backs up to a personal cloud. No attestation is a finding; no devices and a clean
 * attestation is not applicable.
 */
export const X4_CHAT_BACKUP: Rule = {
  id: 'X4',
  title: 'Work chats are not backed up to a personal cloud',
  why: 'A personal iCloud or Google Drive backup is a copy of business messages the organisation cannot keep, search, produce or delete.',
  citation:
    'Derived from UK GDPR Art 32, SEC Rule 17a-4 and FCA SYSC 10A (personal backups sit outside the firm’s control)',
  severity: 'medium',
  appliesWhen:
    'Always needs an attestation (it covers backups no device record shows); when a device is on record, also checks consumer chat apps used for work or installed on corporate devices.',
  remediation: [
    'In WhatsApp: Settings › Chats › Chat backup › Auto backup › Off (Android: Back up to Google Drive › Never).',
    'In Signal, Telegram or WeChat: switch off any cloud or chat backup in the app’s chat settings.',
    'Delete existing backups of work chats from your personal cloud storage.',
    'Update the device record (My devices) so the change is seen.',
  ],
  check: (evidence, asOf) => {
    const { devices } = evidence;
    const findings: string[] = [];
    const answer = readYesNo(evidence, asOf, CHAT_BACKUP_QUESTION);
    if (!answer.ok) findings.push(answer.outcome.reason);
    else if (answer.value) findings.push(`Attested that work chats back up to a personal cloud (${answer.attestation.period})`);
    if (devices.length === 0 && findings.length === 0) return notApplicable(NO_DEVICES_REASON);
    const checked = appUses(devices).filter(
      (use) => CONSUMER_CHAT_APPS.includes(use.app.app) && (isBusinessUse(use) || use.device.ownership === 'corporate'),
    );
    for (const use of checked) {
      if (use.app.cloudBackup) findings.push(`${appOnDevice(use.app, use.device)} has cloud backup on`);
    }
    if (findings.length > 0) return fail(joinFindings(findings));
    if (checked.length === 0) return pass(`No consumer chat app used for work on ${plural(devices.length, 'device')}`);
    return pass(
      `Cloud backup off for ${plural(checked.length, 'consumer chat app')} used for work on ${plural(devices.length, 'device')}`,
    );
  },
};

/** X7: every device on record was seen within `staleDeviceDays` whole days of the scoring day. */
export const X7_DEVICES_SEEN: Rule = {
  id: 'X7',
  title: 'Devices seen recently',
  why: 'Device facts older than a week may no longer be true: a stale record can hide a new app or a switched-off lock.',
  citation: 'UK GDPR Art 32(1)(d) (regularly testing and evaluating security measures)',
  severity: 'medium',
  appliesWhen: 'When at least one device is on record. A device never seen, or not seen for longer than the stale-device limit, is a finding.',
  remediation: [
    'Open the Company Portal (or your MDM app) on the device and sync it.',
    'If you check in devices yourself, confirm the device on the My devices page.',
    'If you no longer use the device, mark it retired on the My devices page.',
  ],
  check: (evidence, asOf) => {
    const { devices, parameters } = evidence;
    if (devices.length === 0) return notApplicable(NO_DEVICES_REASON);
    const limit = parameters.staleDeviceDays;
    const findings = devices.flatMap((device) => {
      if (!device.lastSeenAt) return [`${deviceLabel(device)} has never been seen`];
      const age = Math.max(0, daysBetween(device.lastSeenAt, asOf));
      return age > limit ? [`${deviceLabel(device)} last seen ${age} days ago (limit ${limit})`] : [];
    });
    if (findings.length > 0) return fail(joinFindings(findings));
    return pass(`${plural(devices.length, 'device')} seen within the last ${limit} days`);
  },
};
