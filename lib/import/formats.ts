import type { DeviceFacts, CsvFormat } from './types';
import { headerKey } from './csv';

/**
 * The CSV formats the import recognises, each described by the headers its product exports, and the
 * fields of a device record each header can fill. Detection is by header row; the officer can then
 * change which column fills which field.
 */

/** Fields a column can fill. */
export const IMPORT_FIELDS = [
  'ownerEmail',
  'ownerUsername',
  'externalId',
  'serialNumber',
  'deviceName',
  'model',
  'kind',
  'ownership',
  'os',
  'osVersion',
  'mdmEnrolled',
  'encrypted',
  'passcode',
  'lastSeenAt',
  'apps',
  'appName',
  'appVersion',
  'appsBusinessUse',
  'appsCloudBackup',
  'appsDisappearing',
  'appsCapture',
  'appsContactUpload',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** What each field means, for the mapping form. */
export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  ownerEmail: 'Owner e-mail / UPN',
  ownerUsername: 'Owner username (used when it is an e-mail)',
  externalId: 'Device id (MDM)',
  serialNumber: 'Serial number (when no device id)',
  deviceName: 'Device name (model when no model)',
  model: 'Model',
  kind: 'Kind (phone, tablet, laptop, desktop)',
  ownership: 'Ownership (corporate / personal)',
  os: 'Operating system',
  osVersion: 'OS version',
  mdmEnrolled: 'MDM enrolled',
  encrypted: 'Encrypted',
  passcode: 'Passcode set',
  lastSeenAt: 'Last seen',
  apps: 'Apps (list)',
  appName: 'App name (one app per row)',
  appVersion: 'App version',
  appsBusinessUse: 'Apps used for business',
  appsCloudBackup: 'Apps with cloud backup on',
  appsDisappearing: 'Apps with disappearing messages',
  appsCapture: 'Apps captured / archived',
  appsContactUpload: 'Apps uploading contacts',
};

/** Field → header (as in the file), or null when no column fills it. */
export type ColumnMapping = Record<ImportField, string | null>;

/** One recognised format. */
export interface FormatSpec {
  id: CsvFormat;
  label: string;
  /** Headers (compared by `headerKey`) that must all be present for the file to be this format. */
  signature: readonly string[];
  /** For each field it fills, the headers that may hold it, best first. */
  columns: Partial<Record<ImportField, readonly string[]>>;
  /** Facts the format implies when no column states them (an MDM export lists enrolled devices). */
  implied?: Partial<Pick<DeviceFacts, 'mdmEnrolled' | 'os' | 'ownership'>>;
  /** One row per app on a device, not per device. */
  appsOnly?: boolean;
  /** Apps found are added to the device's apps, keeping recorded per-app facts. */
  appsMerge?: boolean;
}

const GENERIC: FormatSpec = {
  id: 'generic',
  label: 'Onchannel template',
  signature: ['owner_email', 'external_id', 'os'],
  columns: {
    ownerEmail: ['owner_email', 'email'],
    externalId: ['external_id'],
    serialNumber: ['serial_number'],
    model: ['model'],
    kind: ['kind'],
    ownership: ['ownership'],
    os: ['os'],
    osVersion: ['os_version'],
    mdmEnrolled: ['mdm_enrolled'],
    encrypted: ['encrypted'],
    passcode: ['passcode'],
    lastSeenAt: ['last_seen_at'],
    apps: ['apps'],
    appsBusinessUse: ['apps_business_use'],
    appsCloudBackup: ['apps_cloud_backup'],
    appsDisappearing: ['apps_disappearing_messages'],
    appsCapture: ['apps_capture_enabled'],
    appsContactUpload: ['apps_contact_upload'],
  },
};

const INTUNE_DEVICES: FormatSpec = {
  id: 'intune_devices',
  label: 'Microsoft Intune — devices export',
  signature: ['Device name', 'Primary user UPN', 'OS'],
  columns: {
    ownerEmail: ['Primary user UPN', 'Primary user email address', 'User principal name', 'Email'],
    externalId: ['Device ID', 'Intune Device ID'],
    serialNumber: ['Serial number'],
    deviceName: ['Device name'],
    model: ['Model'],
    ownership: ['Ownership'],
    os: ['OS'],
    osVersion: ['OS version'],
    encrypted: ['Encrypted'],
    // Intune's export has no passcode column; compliance policies require one, so Compliance stands in for it.
    passcode: ['Passcode', 'Compliance'],
    lastSeenAt: ['Last check-in', 'Last check-in time'],
  },
  implied: { mdmEnrolled: true },
};

const INTUNE_APPS: FormatSpec = {
  id: 'intune_apps',
  label: 'Microsoft Intune — discovered apps (AppInvRawData)',
  signature: ['ApplicationName', 'DeviceId'],
  columns: {
    ownerEmail: ['EmailAddress', 'UserPrincipalName', 'UserName'],
    externalId: ['DeviceId'],
    appName: ['ApplicationName', 'ApplicationKey'],
    appVersion: ['ApplicationShortVersion', 'ApplicationVersion'],
  },
  appsOnly: true,
  appsMerge: true,
};

const JAMF_MOBILE: FormatSpec = {
  id: 'jamf_mobile',
  label: 'Jamf Pro — mobile devices',
  signature: ['Serial Number', 'iOS Version'],
  columns: {
    ownerEmail: ['Email Address', 'Email'],
    ownerUsername: ['Username', 'User Name'],
    externalId: ['Serial Number'],
    deviceName: ['Display Name', 'Mobile Device Name', 'Device Name'],
    model: ['Model', 'Model Identifier'],
    ownership: ['Device Ownership Type', 'Ownership', 'Device Ownership Level'],
    osVersion: ['iOS Version', 'OS Version'],
    mdmEnrolled: ['Managed'],
    encrypted: ['Data Protection', 'Block Level Encryption Capable'],
    passcode: ['Passcode Status', 'Passcode Compliance', 'Passcode Present'],
    lastSeenAt: ['Last Inventory Update', 'Last Contact Time'],
    apps: ['Applications', 'Apps', 'App Name'],
  },
  implied: { mdmEnrolled: true, ownership: 'corporate' },
  appsMerge: true,
};

const JAMF_COMPUTERS: FormatSpec = {
  id: 'jamf_computers',
  label: 'Jamf Pro — computers',
  signature: ['Computer Name', 'Serial Number'],
  columns: {
    ownerEmail: ['Email Address', 'Email'],
    ownerUsername: ['Username', 'User Name'],
    externalId: ['Serial Number'],
    deviceName: ['Computer Name'],
    model: ['Model', 'Model Identifier'],
    osVersion: ['Operating System Version', 'OS Version'],
    os: ['Operating System', 'Operating System Name'],
    mdmEnrolled: ['Managed', 'MDM Capable'],
    encrypted: ['FileVault 2 Status', 'FileVault Status', 'Disk Encryption'],
    passcode: ['Password Set', 'Passcode'],
    lastSeenAt: ['Last Inventory Update', 'Last Check-in'],
    apps: ['Applications', 'Application Title'],
  },
  implied: { mdmEnrolled: true, os: 'macos', ownership: 'corporate' },
  appsMerge: true,
};

/** Every recognised format, in detection order (the most specific first). */
export const FORMATS: readonly FormatSpec[] = [INTUNE_APPS, INTUNE_DEVICES, JAMF_MOBILE, JAMF_COMPUTERS, GENERIC];

/** The format spec of `id`. */
export function formatSpec(id: CsvFormat): FormatSpec {
  return FORMATS.find((f) => f.id === id) ?? GENERIC;
}

/** The format whose signature headers are all in `headers` (case, spacing and punctuation ignored); null when none. */
export function detectFormat(headers: readonly string[]): FormatSpec | null {
  const present = new Set(headers.map(headerKey));
  return FORMATS.find((f) => f.signature.every((h) => present.has(headerKey(h)))) ?? null;
}

/** The columns `spec` would read from `headers`: for each field, the first alias present (as spelled in the file). */
export function defaultMapping(spec: FormatSpec, headers: readonly string[]): ColumnMapping {
  const byKey = new Map(headers.map((h) => [headerKey(h), h] as const));
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ColumnMapping;
  for (const field of IMPORT_FIELDS) {
    const alias = spec.columns[field]?.find((a) => byKey.has(headerKey(a)));
    if (alias) mapping[field] = byKey.get(headerKey(alias)) ?? null;
  }
  return mapping;
}
