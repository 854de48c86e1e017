import { visitCsvUpload } from './csv';
import { defaultMapping, detectFormat, formatSpec, FORMATS, IMPORT_FIELDS, type ColumnMapping, type FormatSpec } from './formats';
import { DEFAULT_IMPORT_MAX_BYTES } from './decode';
import { createRowReader, type RowReader } from './rows';
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

/** The format and columns a header row is read with, or why it cannot be read. */
function planColumns(headers: string[], { format, mapping }: Pick<PrepareOptions, 'format' | 'mapping'>): { spec: FormatSpec; columns: ColumnMapping } | RefusedImport {
  if (headers.length < 2) return { ok: false, error: 'The first row is not a header row of column names.' };
  const spec: FormatSpec | null = format ? formatSpec(format) : detectFormat(headers);
  if (!spec) {
    const known = FORMATS.map((f) => `${f.label} (${f.signature.join(', ')})`).join('; ');
    return { ok: false, error: `The header row matches no format Onchannel reads. Expected one of: ${known}. Download the template to start from it.` };
  }
  const columns = { ...defaultMapping(spec, headers) };
  for (const [field, header] of Object.entries(mapping ?? {})) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) continue;
    if (header && !headers.includes(header)) return { ok: false, error: `The column “${header}” is not in the file.` };
    columns[field as keyof ColumnMapping] = header || null;
  }
  return { spec, columns };
}

/**
 * Reads an uploaded CSV. Refuses the whole file (too large, binary, not CSV, no header the import
 * recognises, a mapped header not in the file, no data rows) with one sentence; otherwise returns every
 * row as a record or a row error. The file is decoded, parsed and read row by row: only the records are kept.
 */
export function prepareImport(bytes: Uint8Array, { maxBytes = DEFAULT_IMPORT_MAX_BYTES, format, mapping }: PrepareOptions = {}): ({ ok: true } & PreparedImport) | RefusedImport {
  // Set by the callbacks below (declared wide so that the checks after the upload are not narrowed away). Until
  // a header row is read, the file has none.
  let headers = [] as string[];
  let plan = planColumns(headers, { format, mapping });
  let reader = null as RowReader | null;
  let rowsRead = 0;
  const upload = visitCsvUpload(bytes, { maxBytes }, {
    header(row) {
      headers = row;
      plan = planColumns(headers, { format, mapping });
      reader = 'spec' in plan ? createRowReader(plan.spec, plan.columns, headers) : null;
    },
    row(row, cells) {
      rowsRead += 1;
      reader?.read(row, cells);
    },
  });
  if (!upload.ok) return upload;
  if (!('spec' in plan)) return plan;
  if (rowsRead === 0 || !reader) return { ok: false, error: 'The file has a header row but no data rows.' };
  return {
    ok: true,
    format: plan.spec.id,
    formatLabel: plan.spec.label,
    headers,
    mapping: plan.columns,
    rowsRead,
    ...reader.result(),
  };
}
