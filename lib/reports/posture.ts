import { MESSAGING_APP_LABELS, type MessagingApp } from '../policy/constants';
import type { DeviceFact } from '../policy/types';
import { addDays, startOfUtcDay } from '../time';
import type { ReportPosture } from './model';

/**
 * Device posture from devices as they stood on `asOf` (lib/scoring `devicesOn`), for a past quarter: the
 * same counts db/queries/device-posture takes from the current device versions. Each device is counted once
 * (pass every in-scope person's devices once). Stale: never seen, or last seen before the day `staleAfterDays`
 * days before the day of `asOf` (whole days, as rule X7 counts them). Apps are listed most installed first, then by name.
 */
export function postureOfDevices(devices: Iterable<DeviceFact>, { staleAfterDays, asOf }: { staleAfterDays: number; asOf: Date }): ReportPosture {
  const staleBefore = addDays(startOfUtcDay(asOf), -staleAfterDays).getTime();
  const seen = new Set<number>();
  const apps = new Map<MessagingApp, ReportPosture['apps'][number]>();
  let unmanaged = 0;
  let stale = 0;
  for (const device of devices) {
    if (seen.has(device.deviceId)) continue;
    seen.add(device.deviceId);
    if (!device.mdmEnrolled) unmanaged += 1;
    if (device.lastSeenAt === null || device.lastSeenAt.getTime() < staleBefore) stale += 1;
    for (const fact of device.apps) {
      const row = apps.get(fact.app) ?? { app: fact.app, devices: 0, personal: 0, cloudBackup: 0, businessUse: 0 };
      row.devices += 1;
      if (device.ownership === 'byod') row.personal += 1;
      if (fact.cloudBackup) row.cloudBackup += 1;
      if (fact.businessUse) row.businessUse += 1;
      apps.set(fact.app, row);
    }
  }
  return {
    devices: seen.size,
    unmanaged,
    stale,
    staleAfterDays,
    apps: [...apps.values()].sort((a, b) => b.devices - a.devices || a.app.localeCompare(b.app)),
  };
}

/** An app's display name ('whatsapp' → 'WhatsApp'); unknown ids are shown as stored. */
export function appLabel(app: string): string {
  return MESSAGING_APP_LABELS[app as MessagingApp] ?? app;
}
