import { daysBetween } from '../time/days';
import type { MessagingApp } from './constants';
import { appOnDevice, isApproved, isApprovedCaptured, osLabel } from './evidence';
import type { DeviceAppFact, DeviceFact, PolicyParameters } from './types';

/** Device and app facts the rules share. Pure. */

/** Consumer chat apps: personal backups and contact upload matter for these. */
export const CONSUMER_CHAT_APPS: readonly MessagingApp[] = [
  'whatsapp',
  'whatsapp_business',
  'signal',
  'telegram',
  'wechat',
  'imessage',
];

/** One messaging app on one device. */
export interface AppUse {
  device: DeviceFact;
  app: DeviceAppFact;
}

const appUsesByDevices = new WeakMap<readonly DeviceFact[], readonly AppUse[]>();

/**
 * Every app on every device, in device then app order. Memoised per devices list: every rule of one
 * evaluation asks for the same list, and rescoring an organisation evaluates hundreds of thousands.
 */
export function appUses(devices: readonly DeviceFact[]): readonly AppUse[] {
  let uses = appUsesByDevices.get(devices);
  if (!uses) {
    const list: AppUse[] = [];
    for (const device of devices) for (const app of device.apps) list.push({ device, app });
    uses = list;
    appUsesByDevices.set(devices, uses);
  }
  return uses;
}

/**
 * True when the app is used for business: recorded as such, or WhatsApp Business on a corporate device
 * (a business app on a work phone is business use, whatever the record says).
 */
export function isBusinessUse(use: AppUse): boolean {
  return use.app.businessUse || (use.app.app === 'whatsapp_business' && use.device.ownership === 'corporate');
}

/** True when the device carries at least one app used for business (it holds business contacts and data). */
export function holdsBusinessData(device: DeviceFact): boolean {
  return device.ownership === 'corporate' || device.apps.some((app) => isBusinessUse({ device, app }));
}

/**
 * Apps used for business on a channel that is not allowed: not approved at all, or (when
 * `requireCapture`, as in finance) approved without capture.
 */
export function offChannelUses(
  devices: readonly DeviceFact[],
  parameters: PolicyParameters,
  requireCapture: boolean,
): AppUse[] {
  return appUses(devices).filter(
    (use) =>
      isBusinessUse(use) &&
      !(requireCapture ? isApprovedCaptured(parameters, use.app.app) : isApproved(parameters, use.app.app)),
  );
}

/** "WhatsApp 2.24 on iPhone 15 (BYOD) is used for business without capture" (or "… is used for business"). */
export function describeOffChannel(use: AppUse): string {
  const capture = use.app.captureEnabled ? '' : ' without capture';
  return `${appOnDevice(use.app, use.device)} is used for business${capture}`;
}

/** The major version of an OS version string ("17.5.1" → 17), or null when it cannot be read. */
export function osMajor(version: string): number | null {
  const match = /^\s*(\d+)/.exec(version);
  return match ? Number(match[1]) : null;
}

/**
 * What is wrong with a device's security, in plain words (empty when nothing):
 * not encrypted, no passcode, not managed, OS below the supported minimum or unreadable.
 */
export function securityProblems(device: DeviceFact, parameters: PolicyParameters): string[] {
  const problems: string[] = [];
  if (!device.encrypted) problems.push('not encrypted');
  if (!device.passcode) problems.push('no passcode');
  if (!device.mdmEnrolled) problems.push('not managed');
  const minimum = parameters.minimumOsMajor[device.os];
  if (minimum !== undefined) {
    const major = osMajor(device.osVersion);
    if (major === null) problems.push(`OS version "${device.osVersion}" unreadable`);
    else if (major < minimum) problems.push(`${osLabel(device)} is below the supported minimum ${minimum}`);
  }
  return problems;
}

/**
 * Why a captured app's capture is unhealthy on `asOf`, or null when capture is on and synced within
 * `maxAgeDays` whole UTC days. A sync dated after `asOf` counts as today.
 */
export function captureProblem(use: AppUse, asOf: Date, maxAgeDays: number): string | null {
  const where = appOnDevice(use.app, use.device);
  if (!use.app.captureEnabled) return `Capture is off for ${where}`;
  if (!use.app.lastCaptureSyncAt) return `Capture on ${where} has never synced`;
  const age = Math.max(0, daysBetween(use.app.lastCaptureSyncAt, asOf));
  if (age > maxAgeDays) return `Capture on ${where} last synced ${age} days ago (limit ${maxAgeDays})`;
  return null;
}
