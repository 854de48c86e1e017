import type { MessagingApp } from '@/lib/policy/constants';
import type { CsvTable } from './csv';
import type { ColumnMapping, FormatSpec, ImportField } from './formats';
import type { AppRecord, DeviceFacts, DeviceRecord, RowError } from './types';
import { parseAppList, parseFlag, parseKind, parseMessagingApp, parseOperatingSystem, parseOwnership, parseTimestamp } from './values';

/** Longest text accepted in any field, in characters. */
export const MAX_FIELD_LENGTH = 200;

const EMAIL = /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/;

/** Records read from a table, the rows refused, and rows left out on purpose. */
export interface RowsResult {
  records: DeviceRecord[];
  errors: RowError[];
  /** Rows repeating an earlier row exactly (counted once). */
  duplicates: number;
  /** App rows for apps that are not messaging apps (never recorded). */
  ignored: number;
}

class RowFailure extends Error {
  constructor(readonly column: string, reason: string) {
    super(reason);
  }
}

function appFlags(cell: (f: ImportField) => string | undefined, field: ImportField): Set<MessagingApp> {
  return new Set(parseAppList(cell(field) ?? '').map((a) => a.app));
}

function readFacts(spec: FormatSpec, mapping: ColumnMapping, cell: (f: ImportField) => string | undefined): Partial<DeviceFacts> {
  const column = (f: ImportField) => mapping[f] ?? f;
  const model = cell('model') || cell('deviceName') || '';
  if (!model) throw new RowFailure(mapping.model ?? mapping.deviceName ?? 'model', 'No model or device name.');
  const osText = cell('os');
  let os = osText ? parseOperatingSystem(osText) : spec.implied?.os;
  if (!osText && spec.id === 'jamf_mobile') os = /ipad/i.test(model) ? 'ipados' : 'ios';
  if (!os) throw new RowFailure(column('os'), osText ? `“${osText}” is not an operating system Onchannel knows (iOS, iPadOS, Android, macOS, Windows).` : 'No operating system.');
  const osVersion = cell('osVersion');
  if (!osVersion) throw new RowFailure(column('osVersion'), 'No OS version.');
  const kind = parseKind(cell('kind'), os, model);
  if (!kind) throw new RowFailure(column('kind'), `“${cell('kind')}” is not a device kind (phone, tablet, laptop, desktop).`);
  const facts: Partial<DeviceFacts> = { model, os, osVersion, kind, ...spec.implied };
  facts.os = os;
  const ownershipText = cell('ownership');
  if (ownershipText && ownershipText.toLowerCase() !== 'unknown') {
    const ownership = parseOwnership(ownershipText);
    if (!ownership) throw new RowFailure(column('ownership'), `“${ownershipText}” is not an ownership (Corporate or Personal).`);
    facts.ownership = ownership;
  }
  for (const field of ['mdmEnrolled', 'encrypted', 'passcode'] as const) {
    const text = cell(field);
    if (!text) continue;
    const value = parseFlag(text);
    if (value === undefined) throw new RowFailure(column(field), `“${text}” is not a yes/no value.`);
    facts[field] = value;
  }
  const seen = cell('lastSeenAt');
  if (seen) {
    const at = parseTimestamp(seen);
    if (!at) throw new RowFailure(column('lastSeenAt'), `“${seen}” is not a date Onchannel can read.`);
    facts.lastSeenAt = at;
  }
  return facts;
}

function readApps(spec: FormatSpec, cell: (f: ImportField) => string | undefined, appsMapped: boolean): AppRecord[] | null {
  if (!appsMapped) return null;
  const flags = {
    businessUse: appFlags(cell, 'appsBusinessUse'),
    cloudBackup: appFlags(cell, 'appsCloudBackup'),
    disappearingMessages: appFlags(cell, 'appsDisappearing'),
    captureEnabled: appFlags(cell, 'appsCapture'),
    contactUpload: appFlags(cell, 'appsContactUpload'),
  };
  return parseAppList(cell('apps') ?? '').map(({ app, version }) => ({
    app,
    appVersion: version,
    businessUse: flags.businessUse.has(app),
    cloudBackup: flags.cloudBackup.has(app),
    disappearingMessages: flags.disappearingMessages.has(app),
    captureEnabled: flags.captureEnabled.has(app),
    contactUpload: flags.contactUpload.has(app),
  }));
}

const sameRecord = (a: DeviceRecord, b: DeviceRecord) => JSON.stringify({ ...a, row: 0 }) === JSON.stringify({ ...b, row: 0 });

/**
 * Reads each data row of `table` into a normalised device record, with `mapping` saying which column
 * fills which field. A row with any unreadable value is refused whole with one error naming its column.
 * Rows repeating an earlier row exactly are counted once; a row for the same device with different
 * values is refused. For app-per-row formats, the rows of one device become one record.
 */
export function readRows(table: CsvTable, spec: FormatSpec, mapping: ColumnMapping): RowsResult {
  const index = new Map(table.headers.map((h, i) => [h, i] as const));
  const errors: RowError[] = [];
  const records = new Map<string, DeviceRecord>();
  let duplicates = 0;
  let ignored = 0;
  for (const { row, cells } of table.rows) {
    const cell = (field: ImportField): string | undefined => {
      const header = mapping[field];
      const i = header === null ? undefined : index.get(header);
      return i === undefined ? undefined : cells[i];
    };
    try {
      const tooLong = IMPORT_FIELDS_READ.find((f) => (cell(f)?.length ?? 0) > MAX_FIELD_LENGTH * (f === 'apps' ? 20 : 1));
      if (tooLong) throw new RowFailure(mapping[tooLong] ?? tooLong, `Longer than ${MAX_FIELD_LENGTH} characters.`);
      const username = cell('ownerUsername') ?? '';
      const owner = (cell('ownerEmail') || (username.includes('@') ? username : '')).toLowerCase();
      if (!owner) throw new RowFailure(mapping.ownerEmail ?? 'owner', 'No owner e-mail or UPN.');
      if (!EMAIL.test(owner)) throw new RowFailure(mapping.ownerEmail ?? 'owner', `“${owner}” is not an e-mail address or UPN.`);
      const externalId = cell('externalId') || cell('serialNumber') || '';
      if (!externalId) throw new RowFailure(mapping.externalId ?? mapping.serialNumber ?? 'external_id', 'No device id or serial number.');
      if (spec.appsOnly) {
        const name = cell('appName') ?? '';
        const app = parseMessagingApp(name);
        if (!app) {
          ignored += 1;
          continue;
        }
        const existing = records.get(externalId) ?? { row, ownerEmail: owner, externalId, facts: null, apps: [], appsMerge: true };
        if (existing.ownerEmail !== owner) throw new RowFailure(mapping.ownerEmail ?? 'owner', `Device ${externalId} belongs to ${existing.ownerEmail} in row ${existing.row}.`);
        if (existing.apps?.some((a) => a.app === app)) duplicates += 1;
        else existing.apps?.push({ app, appVersion: cell('appVersion') || null, businessUse: false, cloudBackup: false, disappearingMessages: false, captureEnabled: false, contactUpload: false });
        records.set(externalId, existing);
        continue;
      }
      const record: DeviceRecord = {
        row,
        ownerEmail: owner,
        externalId,
        facts: readFacts(spec, mapping, cell),
        apps: readApps(spec, cell, mapping.apps !== null),
        appsMerge: spec.appsMerge === true,
      };
      const earlier = records.get(externalId);
      if (earlier && sameRecord(earlier, record)) {
        duplicates += 1;
        continue;
      }
      if (earlier) throw new RowFailure(mapping.externalId ?? mapping.serialNumber ?? 'external_id', `Same device as row ${earlier.row}, with different values: keep one of the two rows.`);
      records.set(externalId, record);
    } catch (error) {
      if (!(error instanceof RowFailure)) throw error;
      errors.push({ row, column: error.column, reason: error.message });
    }
  }
  return { records: [...records.values()], errors, duplicates, ignored };
}

const IMPORT_FIELDS_READ: readonly ImportField[] = ['ownerEmail', 'ownerUsername', 'externalId', 'serialNumber', 'deviceName', 'model', 'osVersion', 'appName', 'appVersion', 'apps'];
