import type { MessagingApp } from '@/lib/policy/constants';
import type { DeviceFact } from '@/lib/policy/types';

/** Formats an import can be in; stored in `imports.format`. */
export const IMPORT_FORMATS = ['generic', 'intune_devices', 'intune_apps', 'jamf_mobile', 'jamf_computers', 'api'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A file-format the CSV import recognises (every format but 'api'). */
export type CsvFormat = Exclude<ImportFormat, 'api'>;

/** One problem with one row: `row` is the spreadsheet row number (the header is row 1), `column` the header at fault ('' for the row as a whole). */
export interface RowError {
  row: number;
  column: string;
  reason: string;
}

/** One messaging app on a device with its per-app facts. Only messaging apps are ever recorded. */
export interface AppRecord {
  app: MessagingApp;
  appVersion: string | null;
  businessUse: boolean;
  cloudBackup: boolean;
  disappearingMessages: boolean;
  captureEnabled: boolean;
  contactUpload: boolean;
}

/** The facts of a device that a source may state: the scoring engine's device facts, less id and apps. */
export type DeviceFacts = Omit<DeviceFact, 'deviceId' | 'apps'>;

/**
 * A device as a source states it, normalised. `facts` null: the source only lists apps (the device must
 * already be on record). A fact left undefined was not in the source: an existing device keeps its value,
 * a new one gets the default. `apps` null: the source says nothing about apps (the current ones are kept);
 * an array replaces them. `appsMerge`: apps found are added to (not substituted for) the current ones,
 * keeping the per-app facts already recorded (an MDM's app inventory knows names and versions only).
 */
export interface DeviceRecord {
  /** Row (CSV) or 1-based index (API) the record came from, for error messages. */
  row: number;
  /** Owner's e-mail or UPN, lower-case. */
  ownerEmail: string;
  /** The MDM's device id or the serial number: the key that makes re-imports update, not duplicate. */
  externalId: string;
  facts: Partial<DeviceFacts> | null;
  apps: AppRecord[] | null;
  appsMerge: boolean;
}

/** Defaults for facts a source did not state, for a device seen for the first time. */
export const DEFAULT_FACTS: Readonly<Omit<DeviceFacts, 'model' | 'os' | 'osVersion' | 'kind'>> = Object.freeze({
  ownership: 'corporate',
  mdmEnrolled: false,
  encrypted: false,
  passcode: false,
  lastSeenAt: null,
});
