import { formatSpec, IMPORT_FIELD_LABELS, prepareImport, type ImportField } from '@/lib/import';
import type { CsvFormat } from '@/lib/import/types';
import { OPERATING_SYSTEM_LABELS } from '@/lib/policy/constants';
import type { ImportOutcome, ImportResult } from '@/lib/validation/imports';
import type { AppDatabase } from '../connection';
import type { Actor } from './actor';
import { applyDeviceBatch, type ApplyOptions } from './devices';

/** Rows shown in the preview's sample. */
const SAMPLE_ROWS = 10;

/** A device CSV as uploaded (already within the size limit and hashed), and what the officer asked for. */
export interface DeviceFileImport {
  intent: 'preview' | 'confirm';
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  maxBytes: number;
  /** Detected from the header row when absent. */
  format?: CsvFormat;
  mapping: Partial<Record<string, string | null>>;
  /** A confirmation applies only the file that was previewed: its SHA-256. */
  previewedSha256?: string;
}

/**
 * Reads a device CSV and previews it (a dry run, rolled back) or applies it for `actor` (officers only: the
 * caller's check). A file refused as a whole, one that is not the file previewed, or one in which no row can be
 * applied, writes nothing. Returns what the import form shows. Throws ImportAbandoned, having written nothing,
 * when `abandoned` says the import is no longer wanted (see ApplyOptions).
 */
export function importDeviceFile(db: AppDatabase, actor: Actor, file: DeviceFileImport, { now = new Date(), abandoned }: Omit<ApplyOptions, 'dryRun'> = {}): ImportResult {
  const prepared = prepareImport(file.bytes, { maxBytes: file.maxBytes, format: file.format, mapping: file.mapping });
  if (!prepared.ok) return { ok: false, error: `${prepared.error} Nothing was imported.` };
  if (file.intent === 'confirm' && file.previewedSha256 !== file.sha256) {
    return { ok: false, error: 'The file is not the one previewed. Preview it again before importing.' };
  }
  const fileName = file.fileName.slice(0, 200);
  const result = applyDeviceBatch(
    db,
    actor,
    { source: 'csv', format: prepared.format, fileName, fileSha256: file.sha256, rowsRead: prepared.rowsRead, records: prepared.records, rowErrors: prepared.errors },
    { now, dryRun: file.intent === 'preview', abandoned },
  );
  if (!result.ok) return { ...result, error: `${result.error} Every row has an error: see below.` };
  const spec = formatSpec(prepared.format);
  const offered = (Object.keys(IMPORT_FIELD_LABELS) as ImportField[]).filter((f) => spec.columns[f] !== undefined || prepared.mapping[f] !== null);
  const outcome: ImportOutcome = {
    format: prepared.format,
    formatLabel: prepared.formatLabel,
    fileName: file.fileName,
    fileSha256: file.sha256,
    headers: prepared.headers,
    mapping: prepared.mapping,
    fields: offered.map((field) => ({ field, label: IMPORT_FIELD_LABELS[field] })),
    rowsRead: prepared.rowsRead,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: result.rejected,
    duplicates: prepared.duplicates,
    ignored: prepared.ignored,
    rowErrors: result.rowErrors,
    sample: prepared.records.slice(0, SAMPLE_ROWS).map((r) => ({
      row: r.row,
      ownerEmail: r.ownerEmail,
      externalId: r.externalId,
      model: r.facts?.model ?? null,
      os: r.facts?.os ? `${OPERATING_SYSTEM_LABELS[r.facts.os]} ${r.facts.osVersion ?? ''}`.trim() : null,
      apps: (r.apps ?? []).map((a) => a.app),
    })),
    importId: result.importId,
  };
  return { ok: true, stage: file.intent === 'confirm' ? 'applied' : 'preview', outcome };
}
