import type Database from 'better-sqlite3';
import type { DeviceSource } from '@/lib/policy/constants';
import type { AppRecord, DeviceFacts } from '@/lib/import/types';
import { multiRowInsert } from './multi-row-insert';

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
  device_id: number;
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
  device_version_id: number;
  app: AppRecord['app'];
  app_version: string | null;
  business_use: number;
  cloud_backup: number;
  disappearing_messages: number;
  capture_enabled: number;
  contact_upload: number;
}

/** A new version to record: `state` for `deviceId`, closing `previousVersionId` (its current one) if any. */
export interface VersionWrite {
  deviceId: number;
  previousVersionId: number | null;
  state: DeviceState;
}

/** A device's current version: its id, facts and apps. */
export type CurrentVersion = { versionId: number } & DeviceState;

/**
 * Prepared statements for device versions on one connection. Create once per transaction and reuse for
 * every row: bulk imports then run one statement per write, not one query build per row.
 */
export function deviceVersionStatements(sqlite: Database.Database) {
  // Ids go in as one JSON array, so that one prepared statement serves any number of devices. `+valid_to`
  // keeps the planner off the valid_to index, which holds every current version, for the (device_id, …) one.
  const currentVersions = sqlite.prepare<[string], VersionRow>(
    `SELECT id, device_id, model, kind, ownership, os, os_version, mdm_enrolled, encrypted, passcode, last_seen_at
     FROM device_versions WHERE device_id IN (SELECT value FROM json_each(?)) AND +valid_to IS NULL
     ORDER BY device_id, valid_from, id`,
  );
  const versionApps = sqlite.prepare<[string], AppRow>(
    `SELECT device_version_id, app, app_version, business_use, cloud_backup, disappearing_messages, capture_enabled, contact_upload
     FROM device_apps WHERE device_version_id IN (SELECT value FROM json_each(?)) ORDER BY app`,
  );
  const closeVersion = sqlite.prepare<[number, number]>('UPDATE device_versions SET valid_to = ? WHERE id = ?');
  const insertVersions = multiRowInsert(sqlite, 'device_versions', [
    'device_id', 'valid_from', 'valid_to', 'model', 'kind', 'ownership', 'os', 'os_version', 'mdm_enrolled', 'encrypted', 'passcode', 'last_seen_at',
    'source', 'import_id', 'recorded_by',
  ]);
  const insertApps = multiRowInsert(sqlite, 'device_apps', [
    'device_version_id', 'app', 'app_version', 'business_use', 'cloud_backup', 'disappearing_messages', 'capture_enabled', 'contact_upload',
  ]);

  /** The current versions of `deviceIds` with their apps, by device id, in two queries; devices without one are left out. */
  function currentOf(deviceIds: readonly number[]): Map<number, CurrentVersion> {
    const versions = new Map<number, CurrentVersion>();
    if (deviceIds.length === 0) return versions;
    // Rows come by valid_from, then id: the last one of a device is its latest, as for a single device.
    for (const v of currentVersions.all(JSON.stringify(deviceIds))) {
      versions.set(v.device_id, {
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
        apps: [],
      });
    }
    if (versions.size === 0) return versions;
    const byVersion = new Map([...versions.values()].map((v) => [v.versionId, v] as const));
    for (const a of versionApps.all(JSON.stringify([...byVersion.keys()]))) {
      byVersion.get(a.device_version_id)!.apps.push({
        app: a.app,
        appVersion: a.app_version,
        businessUse: a.business_use === 1,
        cloudBackup: a.cloud_backup === 1,
        disappearingMessages: a.disappearing_messages === 1,
        captureEnabled: a.capture_enabled === 1,
        contactUpload: a.contact_upload === 1,
      });
    }
    return versions;
  }

  /** The current version of a device with its apps; null when it has none. */
  function current(deviceId: number): CurrentVersion | null {
    return currentOf([deviceId]).get(deviceId) ?? null;
  }

  /**
   * For each write in order: closes the device's current version (valid_to = now) if any, and inserts `state` as
   * the new current one. Returns the new versions' ids, in order. Rows go in several to a statement.
   */
  function writeMany(writes: readonly VersionWrite[], meta: VersionMeta): number[] {
    const at = meta.now.getTime();
    for (const w of writes) if (w.previousVersionId !== null) closeVersion.run(at, w.previousVersionId);
    const ids = insertVersions(
      writes.map(({ deviceId, state: { facts: f } }) => [deviceId, at, null, f.model, f.kind, f.ownership, f.os, f.osVersion, +f.mdmEnrolled, +f.encrypted,
        +f.passcode, f.lastSeenAt ? f.lastSeenAt.getTime() : null, meta.source, meta.importId, meta.recordedBy]),
    );
    insertApps(
      writes.flatMap((w, i) => w.state.apps.map((a) => [ids[i], a.app, a.appVersion, +a.businessUse, +a.cloudBackup, +a.disappearingMessages, +a.captureEnabled, +a.contactUpload])),
    );
    return ids;
  }

  /** Closes the current version (valid_to = now) if any, and inserts `state` as the new current one. Returns its id. */
  function write(deviceId: number, previousVersionId: number | null, state: DeviceState, meta: VersionMeta): number {
    return writeMany([{ deviceId, previousVersionId, state }], meta)[0]!;
  }

  return { current, currentOf, write, writeMany, closeVersion };
}

/** The values that tell two states apart, in a fixed order (apps by name). */
function stateValues(state: DeviceState): unknown[] {
  const f = state.facts;
  const values: unknown[] = [f.model, f.kind, f.ownership, f.os, f.osVersion, f.mdmEnrolled, f.encrypted, f.passcode, f.lastSeenAt?.getTime() ?? null];
  const apps = [...state.apps].sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : 0));
  for (const a of apps) values.push(a.app, a.appVersion ?? null, a.businessUse, a.cloudBackup, a.disappearingMessages, a.captureEnabled, a.contactUpload);
  return values;
}

/** A canonical text of a state, to tell whether anything changed. */
export function stateKey(state: DeviceState): string {
  return JSON.stringify(stateValues(state));
}

/** Whether two states are the same (stateKey equal), compared value by value. */
export function sameState(a: DeviceState, b: DeviceState): boolean {
  const x = stateValues(a);
  const y = stateValues(b);
  return x.length === y.length && x.every((value, i) => value === y[i]);
}
