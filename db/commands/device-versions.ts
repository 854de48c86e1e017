import type Database from 'better-sqlite3';
import type { DeviceSource } from '@/lib/policy/constants';
import type { AppRecord, DeviceFacts } from '@/lib/import/types';

/** A device's current state: its facts and its messaging apps. */
export interface DeviceState {
  facts: DeviceFacts;
  apps: AppRecord[];
}

/** Who and what a new version is recorded for. */
export interface VersionMeta {
  now: Date;
  source: DeviceSource;
  importId: number | null;
  recordedBy: number | null;
}

interface VersionRow {
  id: number;
  model: string;
  kind: DeviceFacts['kind'];
  ownership: DeviceFacts['ownership'];
  os: DeviceFacts['os'];
  os_version: string;
  mdm_enrolled: number;
  encrypted: number;
  passcode: number;
  last_seen_at: number | null;
}

interface AppRow {
  app: AppRecord['app'];
  app_version: string | null;
  business_use: number;
  cloud_backup: number;
  disappearing_messages: number;
  capture_enabled: number;
  contact_upload: number;
}

/**
 * Prepared statements for device versions on one connection. Create once per transaction and reuse for
 * every row: bulk imports then run one statement per write, not one query build per row.
 */
export function deviceVersionStatements(sqlite: Database.Database) {
  const currentVersion = sqlite.prepare<[number], VersionRow>(
    `SELECT id, model, kind, ownership, os, os_version, mdm_enrolled, encrypted, passcode, last_seen_at
     FROM device_versions WHERE device_id = ? AND valid_to IS NULL ORDER BY valid_from DESC LIMIT 1`,
  );
  const versionApps = sqlite.prepare<[number], AppRow>(
    `SELECT app, app_version, business_use, cloud_backup, disappearing_messages, capture_enabled, contact_upload
     FROM device_apps WHERE device_version_id = ? ORDER BY app`,
  );
  const closeVersion = sqlite.prepare<[number, number]>('UPDATE device_versions SET valid_to = ? WHERE id = ?');
  const insertVersion = sqlite.prepare(
    `INSERT INTO device_versions (device_id, valid_from, valid_to, model, kind, ownership, os, os_version, mdm_enrolled,
       encrypted, passcode, last_seen_at, source, import_id, recorded_by)
     VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertApp = sqlite.prepare(
    `INSERT INTO device_apps (device_version_id, app, app_version, business_use, cloud_backup, disappearing_messages, capture_enabled, contact_upload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  /** The current version of a device with its apps; null when it has none. */
  function current(deviceId: number): ({ versionId: number } & DeviceState) | null {
    const v = currentVersion.get(deviceId);
    if (!v) return null;
    return {
      versionId: v.id,
      facts: {
        model: v.model,
        kind: v.kind,
        ownership: v.ownership,
        os: v.os,
        osVersion: v.os_version,
        mdmEnrolled: v.mdm_enrolled === 1,
        encrypted: v.encrypted === 1,
        passcode: v.passcode === 1,
        lastSeenAt: v.last_seen_at === null ? null : new Date(v.last_seen_at),
      },
      apps: versionApps.all(v.id).map((a) => ({
        app: a.app,
        appVersion: a.app_version,
        businessUse: a.business_use === 1,
        cloudBackup: a.cloud_backup === 1,
        disappearingMessages: a.disappearing_messages === 1,
        captureEnabled: a.capture_enabled === 1,
        contactUpload: a.contact_upload === 1,
      })),
    };
  }

  /** Closes the current version (valid_to = now) if any, and inserts `state` as the new current one. Returns its id. */
  function write(deviceId: number, previousVersionId: number | null, state: DeviceState, meta: VersionMeta): number {
    const at = meta.now.getTime();
    if (previousVersionId !== null) closeVersion.run(at, previousVersionId);
    const f = state.facts;
    const id = Number(
      insertVersion.run(deviceId, at, f.model, f.kind, f.ownership, f.os, f.osVersion, +f.mdmEnrolled, +f.encrypted, +f.passcode,
        f.lastSeenAt ? f.lastSeenAt.getTime() : null, meta.source, meta.importId, meta.recordedBy).lastInsertRowid,
    );
    for (const a of state.apps) {
      insertApp.run(id, a.app, a.appVersion, +a.businessUse, +a.cloudBackup, +a.disappearingMessages, +a.captureEnabled, +a.contactUpload);
    }
    return id;
  }

  return { current, write, closeVersion };
}

/** A canonical text of a state, to tell whether anything changed. */
export function stateKey(state: DeviceState): string {
  const f = state.facts;
  const apps = [...state.apps].sort((a, b) => a.app.localeCompare(b.app));
  return JSON.stringify([f.model, f.kind, f.ownership, f.os, f.osVersion, f.mdmEnrolled, f.encrypted, f.passcode, f.lastSeenAt?.getTime() ?? null,
    apps.map((a) => [a.app, a.appVersion, a.businessUse, a.cloudBackup, a.disappearingMessages, a.captureEnabled, a.contactUpload])]);
}
