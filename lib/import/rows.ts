import { IMPORT_FIELDS, type ColumnMapping, type FormatSpec, type ImportField } from './formats';
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

/** Fields whose length is checked, in the order a row error names the first one too long. */
const IMPORT_FIELDS_READ: readonly ImportField[] = ['ownerEmail', 'ownerUsername', 'externalId', 'serialNumber', 'deviceName', 'model', 'osVersion', 'appName', 'appVersion', 'apps'];

type FlagField = 'mdmEnrolled' | 'encrypted' | 'passcode';

/** Distinct cell texts a reader remembers the reading of, per parser (bounds memory whatever the file). */
const REMEMBERED_TEXTS = 256;

/**
 * `parse`, remembering its answers for the first REMEMBERED_TEXTS distinct texts: an export spells a yes/no or
 * an operating system the same few ways on every row, and the regular expressions behind are the costly part.
 */
function remembered<T>(parse: (text: string) => T | undefined): (text: string) => T | undefined {
  const answers = new Map<string, T>();
  return (text) => {
    const known = answers.get(text);
    if (known !== undefined) return known;
    const answer = parse(text);
    if (answer !== undefined && answers.size < REMEMBERED_TEXTS) answers.set(text, answer);
    return answer;
  };
}

const sameRecord = (a: DeviceRecord, b: DeviceRecord) => JSON.stringify({ ...a, row: 0 }) === JSON.stringify({ ...b, row: 0 });

/** Takes a file's data rows one at a time (`read`), then gives the records and row errors (`result`). */
export interface RowReader {
  read(row: number, cells: readonly string[]): void;
  result(): RowsResult;
}

/**
 * Reads data rows, in file order, into normalised device records, with `mapping` saying which column of
 * `headers` fills which field. A row with any unreadable value is refused whole with one error naming its
 * column. Rows repeating an earlier row exactly are counted once; a row for the same device with different
 * values is refused. For app-per-row formats, the rows of one device become one record. Rows are read as they
 * come, so that a file's rows need never be held together.
 */
export function createRowReader(spec: FormatSpec, mapping: ColumnMapping, headers: readonly string[]): RowReader {
  // A header the file repeats is read from its last column.
  const indexOfHeader = new Map(headers.map((h, i) => [h, i] as const));
  /** Index of the column filling each field; -1 when none does. */
  const at = Object.fromEntries(
    IMPORT_FIELDS.map((f) => [f, mapping[f] === null ? -1 : (indexOfHeader.get(mapping[f]) ?? -1)] as const),
  ) as Record<ImportField, number>;
  /** The column a row error names for a field. */
  const column = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, mapping[f] ?? f] as const)) as Record<ImportField, string>;
  const lengthChecks = IMPORT_FIELDS_READ.filter((f) => at[f] >= 0).map((f) => ({
    index: at[f],
    limit: MAX_FIELD_LENGTH * (f === 'apps' ? 20 : 1),
    column: column[f],
  }));
  const ownerColumn = mapping.ownerEmail ?? 'owner';
  const idColumn = mapping.externalId ?? mapping.serialNumber ?? 'external_id';
  const readOperatingSystem = remembered(parseOperatingSystem);
  const readOwnership = remembered(parseOwnership);
  const readFlag = remembered(parseFlag);
  const errors: RowError[] = [];
  const records = new Map<string, DeviceRecord>();
  let duplicates = 0;
  let ignored = 0;

  /** The cell at `index` (an `at` entry); undefined when no column fills the field. */
  const cell = (cells: readonly string[], index: number): string | undefined => (index < 0 ? undefined : cells[index]);

  function readFacts(cells: readonly string[]): Partial<DeviceFacts> {
    const model = cell(cells, at.model) || cell(cells, at.deviceName) || '';
    if (!model) throw new RowFailure(mapping.model ?? mapping.deviceName ?? 'model', 'No model or device name.');
    const osText = cell(cells, at.os);
    let os = osText ? readOperatingSystem(osText) : spec.implied?.os;
    if (!osText && spec.id === 'jamf_mobile') os = /ipad/i.test(model) ? 'ipados' : 'ios';
    if (!os) throw new RowFailure(column.os, osText ? `“${osText}” is not an operating system Onchannel knows (iOS, iPadOS, Android, macOS, Windows).` : 'No operating system.');
    const osVersion = cell(cells, at.osVersion);
    if (!osVersion) throw new RowFailure(column.osVersion, 'No OS version.');
    const kind = parseKind(cell(cells, at.kind), os, model);
    if (!kind) throw new RowFailure(column.kind, `“${cell(cells, at.kind)}” is not a device kind (phone, tablet, laptop, desktop).`);
    const ownershipText = cell(cells, at.ownership);
    let ownership: DeviceFacts['ownership'] | undefined;
    if (ownershipText && ownershipText.toLowerCase() !== 'unknown') {
      ownership = readOwnership(ownershipText);
      if (!ownership) throw new RowFailure(column.ownership, `“${ownershipText}” is not an ownership (Corporate or Personal).`);
    }
    const mdmEnrolled = flagOf(cells, 'mdmEnrolled');
    const encrypted = flagOf(cells, 'encrypted');
    const passcode = flagOf(cells, 'passcode');
    const seen = cell(cells, at.lastSeenAt);
    const lastSeenAt = seen ? parseTimestamp(seen) : undefined;
    if (seen && !lastSeenAt) throw new RowFailure(column.lastSeenAt, `“${seen}” is not a date Onchannel can read.`);
    // One literal with every fact (undefined: not stated), so that each record's facts are one compact object.
    const implied = spec.implied;
    return { model, os, osVersion, kind, ownership: ownership ?? implied?.ownership, mdmEnrolled: mdmEnrolled ?? implied?.mdmEnrolled, encrypted, passcode, lastSeenAt };
  }

  /** The yes/no value of a flag field; undefined when the row leaves it blank. */
  function flagOf(cells: readonly string[], field: FlagField): boolean | undefined {
    const text = cell(cells, at[field]);
    if (!text) return undefined;
    const value = readFlag(text);
    if (value === undefined) throw new RowFailure(column[field], `“${text}” is not a yes/no value.`);
    return value;
  }

  function readApps(cells: readonly string[]): AppRecord[] {
    const appsIn = (index: number) => new Set(parseAppList(cell(cells, index) ?? '').map((a) => a.app));
    const flags = {
      businessUse: appsIn(at.appsBusinessUse),
      cloudBackup: appsIn(at.appsCloudBackup),
      disappearingMessages: appsIn(at.appsDisappearing),
      captureEnabled: appsIn(at.appsCapture),
      contactUpload: appsIn(at.appsContactUpload),
    };
    return parseAppList(cell(cells, at.apps) ?? '').map(({ app, version }) => ({
      app,
      appVersion: version,
      businessUse: flags.businessUse.has(app),
      cloudBackup: flags.cloudBackup.has(app),
      disappearingMessages: flags.disappearingMessages.has(app),
      captureEnabled: flags.captureEnabled.has(app),
      contactUpload: flags.contactUpload.has(app),
    }));
  }

  function readRow(row: number, cells: readonly string[]): void {
    for (const check of lengthChecks) {
      if (cells[check.index]!.length > check.limit) throw new RowFailure(check.column, `Longer than ${MAX_FIELD_LENGTH} characters.`);
    }
    const username = cell(cells, at.ownerUsername) ?? '';
    const owner = (cell(cells, at.ownerEmail) || (username.includes('@') ? username : '')).toLowerCase();
    if (!owner) throw new RowFailure(ownerColumn, 'No owner e-mail or UPN.');
    if (!EMAIL.test(owner)) throw new RowFailure(ownerColumn, `“${owner}” is not an e-mail address or UPN.`);
    const externalId = cell(cells, at.externalId) || cell(cells, at.serialNumber) || '';
    if (!externalId) throw new RowFailure(idColumn, 'No device id or serial number.');
    if (spec.appsOnly) {
      readAppRow(row, cells, owner, externalId);
      return;
    }
    const record: DeviceRecord = {
      row,
      ownerEmail: owner,
      externalId,
      facts: readFacts(cells),
      apps: mapping.apps === null ? null : readApps(cells),
      appsMerge: spec.appsMerge === true,
    };
    const earlier = records.get(externalId);
    if (earlier && sameRecord(earlier, record)) {
      duplicates += 1;
      return;
    }
    if (earlier) throw new RowFailure(idColumn, `Same device as row ${earlier.row}, with different values: keep one of the two rows.`);
    records.set(externalId, record);
  }

  /** A row of an app-per-row export: one app found on a device, added to that device's record. */
  function readAppRow(row: number, cells: readonly string[], owner: string, externalId: string): void {
    const app = parseMessagingApp(cell(cells, at.appName) ?? '');
    if (!app) {
      ignored += 1;
      return;
    }
    const existing = records.get(externalId) ?? { row, ownerEmail: owner, externalId, facts: null, apps: [], appsMerge: true };
    if (existing.ownerEmail !== owner) throw new RowFailure(ownerColumn, `Device ${externalId} belongs to ${existing.ownerEmail} in row ${existing.row}.`);
    if (existing.apps?.some((a) => a.app === app)) duplicates += 1;
    else existing.apps?.push({ app, appVersion: cell(cells, at.appVersion) || null, businessUse: false, cloudBackup: false, disappearingMessages: false, captureEnabled: false, contactUpload: false });
    records.set(externalId, existing);
  }

  return {
    read(row, cells) {
      try {
        readRow(row, cells);
      } catch (error) {
        if (!(error instanceof RowFailure)) throw error;
        errors.push({ row, column: error.column, reason: error.message });
      }
    },
    result: () => ({ records: [...records.values()], errors, duplicates, ignored }),
  };
}
