'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { applyDeviceBatch } from '@/db/commands/devices';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import { OPERATING_SYSTEM_LABELS } from '@/lib/policy/constants';
import { formatSpec, IMPORT_FIELD_LABELS, importMaxBytes, prepareImport, readUpload, type ImportField } from '@/lib/import';
import { importFormFromFormData, importFormSchema, type ImportFormInput, type ImportOutcome, type ImportResult, type ImportState } from '@/lib/validation/imports';

/** Rows shown in the preview's sample. */
const SAMPLE_ROWS = 10;

async function runImport(actor: { id: number }, input: ImportFormInput): Promise<ImportResult> {
  const maxBytes = importMaxBytes();
  const upload = await readUpload(input.file, { maxBytes });
  if (!upload.ok) return upload;
  const { bytes, sha256 } = upload;
  const prepared = prepareImport(bytes, { maxBytes, format: input.format === 'auto' ? undefined : input.format, mapping: input.mapping });
  if (!prepared.ok) return { ok: false, error: `${prepared.error} Nothing was imported.` };
  if (input.intent === 'confirm' && input.previewedSha256 !== sha256) {
    return { ok: false, error: 'The file is not the one previewed. Preview it again before importing.' };
  }
  const now = new Date();
  const result = applyDeviceBatch(
    db,
    actor,
    { source: 'csv', format: prepared.format, fileName: input.file.name.slice(0, 200), fileSha256: sha256, rowsRead: prepared.rowsRead, records: prepared.records, rowErrors: prepared.errors },
    { now, dryRun: input.intent === 'preview' },
  );
  if (!result.ok) return { ...result, error: `${result.error} Every row has an error: see below.` };
  const spec = formatSpec(prepared.format);
  const offered = (Object.keys(IMPORT_FIELD_LABELS) as ImportField[]).filter((f) => spec.columns[f] !== undefined || prepared.mapping[f] !== null);
  const outcome: ImportOutcome = {
    format: prepared.format,
    formatLabel: prepared.formatLabel,
    fileName: input.file.name,
    fileSha256: sha256,
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
  if (input.intent === 'confirm') {
    refreshScoresFrom(now);
    revalidatePath('/imports');
    revalidatePath('/imports/history');
  }
  return { ok: true, stage: input.intent === 'confirm' ? 'applied' : 'preview', outcome };
}

/**
 * Previews (dry run, rolled back) or applies a device CSV: officers only ('import:devices'). A file refused
 * as a whole, or one in which no row can be applied, writes nothing.
 */
export async function importDevices(_previous: ImportState, input: FormData): Promise<ImportState> {
  return runGuardedAction(input, {
    capability: 'import:devices',
    schema: importFormSchema,
    fromFormData: importFormFromFormData,
    run: (actor, data) => runImport(actor, data),
  });
}
