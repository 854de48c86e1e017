import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppDatabase } from '../connection';
import { deviceApps, deviceVersions, devices } from '../schema';

/** The columns of a device's current version that device pages show. */
const CURRENT_VERSION_COLUMNS = {
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
};

/** A person's devices in service, each as its current version with its messaging apps. */
export function listOwnDevices(db: AppDatabase, { userId }: { userId: number }) {
  const rows = db
    .select({
      deviceId: devices.id,
      source: devices.source,
      ...CURRENT_VERSION_COLUMNS,
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

/**
 * One device of `userId` in service, as its current version with every per-app fact; null when it is
 * someone else's, retired or unknown (the caller shows 404 for all three).
 */
export function findOwnDevice(db: AppDatabase, { userId, deviceId }: { userId: number; deviceId: number }) {
  const device = db
    .select({
      deviceId: devices.id,
      source: devices.source,
      externalId: devices.externalId,
      ...CURRENT_VERSION_COLUMNS,
    })
    .from(devices)
    .innerJoin(deviceVersions, and(eq(deviceVersions.deviceId, devices.id), isNull(deviceVersions.validTo)))
    .where(and(eq(devices.id, deviceId), eq(devices.ownerId, userId), isNull(devices.retiredAt)))
    .get();
  if (!device) return null;
  const apps = db
    .select({
      app: deviceApps.app,
      appVersion: deviceApps.appVersion,
      businessUse: deviceApps.businessUse,
      cloudBackup: deviceApps.cloudBackup,
      disappearingMessages: deviceApps.disappearingMessages,
      captureEnabled: deviceApps.captureEnabled,
      contactUpload: deviceApps.contactUpload,
    })
    .from(deviceApps)
    .where(eq(deviceApps.deviceVersionId, device.versionId))
    .orderBy(asc(deviceApps.app))
    .all();
  const versions = db
    .select({ count: deviceVersions.id })
    .from(deviceVersions)
    .where(eq(deviceVersions.deviceId, deviceId))
    .all().length;
  return { ...device, apps, versions };
}

export type OwnDeviceDetail = NonNullable<ReturnType<typeof findOwnDevice>>;

/** Lower-cased e-mails of active people among `emails`: the owners an import can match. */
export function findActiveOwnerEmails(db: AppDatabase, { emails }: { emails: readonly string[] }): Set<string> {
  if (emails.length === 0) return new Set();
  const rows = db.$client.prepare('SELECT lower(email) AS email FROM users WHERE active = 1').all() as { email: string }[];
  const wanted = new Set(emails);
  return new Set(rows.map((r) => r.email).filter((e) => wanted.has(e)));
}

/** Devices in service for the API, in id order after `afterId`, with owner e-mail and current apps. */
export function listDevicesForApi(db: AppDatabase, { afterId, limit }: { afterId: number; limit: number }) {
  const rows = db.$client
    .prepare(
      `SELECT d.id, d.external_id, d.source, u.email AS owner_email, v.id AS version_id, v.model, v.kind, v.ownership, v.os, v.os_version,
              v.mdm_enrolled, v.encrypted, v.passcode, v.last_seen_at
       FROM devices d JOIN users u ON u.id = d.owner_id JOIN device_versions v ON v.device_id = d.id AND v.valid_to IS NULL
       WHERE d.retired_at IS NULL AND d.id > ? ORDER BY d.id LIMIT ?`,
    )
    .all(afterId, limit) as {
    id: number; external_id: string | null; source: string; owner_email: string; version_id: number; model: string; kind: string; ownership: string;
    os: string; os_version: string; mdm_enrolled: number; encrypted: number; passcode: number; last_seen_at: number | null;
  }[];
  const appsOf = db.$client.prepare(
    'SELECT app, app_version, business_use, cloud_backup, disappearing_messages, capture_enabled, contact_upload FROM device_apps WHERE device_version_id = ? ORDER BY app',
  );
  return rows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    ownerEmail: r.owner_email,
    source: r.source,
    model: r.model,
    kind: r.kind,
    ownership: r.ownership,
    os: r.os,
    osVersion: r.os_version,
    mdmEnrolled: r.mdm_enrolled === 1,
    encrypted: r.encrypted === 1,
    passcode: r.passcode === 1,
    lastSeenAt: r.last_seen_at === null ? null : new Date(r.last_seen_at).toISOString(),
    apps: (appsOf.all(r.version_id) as { app: string; app_version: string | null; business_use: number; cloud_backup: number; disappearing_messages: number; capture_enabled: number; contact_upload: number }[]).map((a) => ({
      app: a.app, appVersion: a.app_version, businessUse: a.business_use === 1, cloudBackup: a.cloud_backup === 1,
      disappearingMessages: a.disappearing_messages === 1, captureEnabled: a.capture_enabled === 1, contactUpload: a.contact_upload === 1,
    })),
  }));
}
