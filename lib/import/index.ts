import { readCsvUpload } from './csv';
import { defaultMapping, detectFormat, formatSpec, FORMATS, IMPORT_FIELDS, type ColumnMapping, type FormatSpec } from './formats';
import { DEFAULT_IMPORT_MAX_BYTES } from './decode';
import { readRows } from './rows';
import type { CsvFormat, DeviceRecord, RowError } from './types';

/**
 * The device import, framework-free: bytes → decoded text → CSV table → detected format → column
 * mapping → normalised device records and row errors. Nothing here touches the database; db/commands
 * applies the records.
 */

export * from './types';
export { decodeUpload, importMaxBytes, importMaxMegabytes, readUpload, DEFAULT_IMPORT_MAX_BYTES } from './decode';
export { parseCsvTable, headerKey } from './csv';
export { FORMATS, IMPORT_FIELDS, IMPORT_FIELD_LABELS, detectFormat, defaultMapping, formatSpec, type ColumnMapping, type FormatSpec, type ImportField } from './formats';
export { parseFlag, parseTimestamp, parseOperatingSystem, parseOwnership, parseKind, parseMessagingApp, parseAppList } from './values';

/** A file read and checked, ready to preview or apply. */
export interface PreparedImport {
  format: CsvFormat;
  formatLabel: string;
  headers: string[];
  mapping: ColumnMapping;
  rowsRead: number;
  records: DeviceRecord[];
  errors: RowError[];
  duplicates: number;
  ignored: number;
}

/** A file refused as a whole: nothing in it is used. */
export interface RefusedImport {
  ok: false;
  error: string;
}

/** Options of `prepareImport`. */
export interface PrepareOptions {
  maxBytes?: number;
  /** The format to read the file as; detected from the header row when absent. */
  format?: CsvFormat;
  /** Field → header overrides chosen by the officer ('' or null: no column). Headers not in the file are refused. */
  mapping?: Partial<Record<string, string | null>>;
}

/**
 * Reads an uploaded CSV. Refuses the whole file (too large, binary, not CSV, no header the import
 * recognises, a mapped header not in the file, no data rows) with one sentence; otherwise returns every
 * row as a record or a row error.
 */
export function prepareImport(bytes: Uint8Array, { maxBytes = DEFAULT_IMPORT_MAX_BYTES, format, mapping }: PrepareOptions = {}): ({ ok: true } & PreparedImport) | RefusedImport {
  const upload = readCsvUpload(bytes, { maxBytes });
  if (!upload.ok) return upload;
  const { table } = upload;
  if (table.headers.length < 2) return { ok: false, error: 'The first row is not a header row of column names.' };
  const spec: FormatSpec | null = format ? formatSpec(format) : detectFormat(table.headers);
  if (!spec) {
    const known = FORMATS.map((f) => `${f.label} (${f.signature.join(', ')})`).join('; ');
    return { ok: false, error: `The header row matches no format Onchannel reads. Expected one of: ${known}. Download the template to start from it.` };
  }
  const columns = { ...defaultMapping(spec, table.headers) };
  for (const [field, header] of Object.entries(mapping ?? {})) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) continue;
    if (header && !table.headers.includes(header)) return { ok: false, error: `The column “${header}” is not in the file.` };
    columns[field as keyof ColumnMapping] = header || null;
  }
  if (table.rows.length === 0) return { ok: false, error: 'The file has a header row but no data rows.' };
  const rows = readRows(table, spec, columns);
  return {
    ok: true,
    format: spec.id,
    formatLabel: spec.label,
    headers: table.headers,
    mapping: columns,
    rowsRead: table.rows.length,
    ...rows,
  };
}
