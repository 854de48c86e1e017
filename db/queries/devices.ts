import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppDatabase } from '../connection';
import { deviceApps, deviceVersions, devices } from '../schema';

/** A person's devices in service, each as its current version with its messaging apps. */
export function listOwnDevices(db: AppDatabase, { userId }: { userId: number }) {
  const rows = db
    .select({
      deviceId: devices.id,
      source: devices.source,
      versionId: deviceVersions.id,
      model: deviceVersions.model,
      kind: deviceVersions.kind,
      ownership: deviceVersions.ownership,
      os: deviceVersions.os,
      osVersion: deviceVersions.osVersion,
      mdmEnrolled: deviceVersions.mdmEnrolled,
      encrypted: deviceVersions.encrypted,
      passcode: deviceVersions.passcode,
      lastSeenAt: deviceVersions.lastSeenAt,
      validFrom: deviceVersions.validFrom,
    })
    .from(devices)
    .innerJoin(deviceVersions, and(eq(deviceVersions.deviceId, devices.id), isNull(deviceVersions.validTo)))
    .where(and(eq(devices.ownerId, userId), isNull(devices.retiredAt)))
    .orderBy(asc(deviceVersions.kind), asc(deviceVersions.model))
    .all();
  if (rows.length === 0) return [];
  const apps = db
    .select({
      versionId: deviceApps.deviceVersionId,
      app: deviceApps.app,
      appVersion: deviceApps.appVersion,
      businessUse: deviceApps.businessUse,
      cloudBackup: deviceApps.cloudBackup,
      disappearingMessages: deviceApps.disappearingMessages,
      captureEnabled: deviceApps.captureEnabled,
    })
    .from(deviceApps)
    .where(inArray(deviceApps.deviceVersionId, rows.map((r) => r.versionId)))
    .orderBy(asc(deviceApps.app))
    .all();
  return rows.map((row) => ({ ...row, apps: apps.filter((a) => a.versionId === row.versionId) }));
}

export type OwnDevice = ReturnType<typeof listOwnDevices>[number];

/** Devices in service whose owner is a current member of some team, each counted once. */
export function countDevicesInService(db: AppDatabase): number {
  const row = db.$client
    .prepare(
      `SELECT count(*) AS n FROM devices d WHERE d.retired_at IS NULL
       AND EXISTS (SELECT 1 FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.user_id = d.owner_id AND m.left_at IS NULL AND u.active = 1)`,
    )
    .get() as { n: number };
  return row.n;
}
