'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { applyHrImport } from '@/db/commands/hr-import';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import { importMaxBytes, readUpload } from '@/lib/import';
import { prepareHrImport } from '@/lib/import/hr';
import { hrImportFormFromFormData, hrImportFormSchema, type HrImportFormInput, type HrImportResultState, type HrImportState } from '@/lib/validation/hr-import';

/** Changes and missing people listed on the page; the rest are counted. */
const LISTED = 300;

async function runHrImport(actor: { id: number }, input: HrImportFormInput): Promise<HrImportResultState> {
  const maxBytes = importMaxBytes();
  const upload = await readUpload(input.file, { maxBytes });
  if (!upload.ok) return upload;
  const { bytes, sha256 } = upload;
  const prepared = prepareHrImport(bytes, { maxBytes });
  if (!prepared.ok) return { ok: false, error: `${prepared.error} Nothing was imported.` };
  if (input.intent === 'confirm' && input.previewedSha256 !== sha256) {
    return { ok: false, error: 'The file is not the one previewed. Preview it again before importing.' };
  }
  const now = new Date();
  const result = applyHrImport(
    db,
    actor,
    {
      fileName: input.file.name.slice(0, 200),
      fileSha256: sha256,
      rowsRead: prepared.rowsRead,
      records: prepared.records,
      rowErrors: prepared.errors,
      hasManagerColumn: prepared.columns.managerEmail !== null,
      columns: prepared.columns,
      mode: input.mode,
      deactivateMissing: input.mode === 'full' && input.deactivateMissing,
    },
    { now, dryRun: input.intent === 'preview' },
  );
  if (!result.ok) return result;
  const { plan, counts } = result;
  if (input.intent === 'confirm') {
    refreshScoresFrom(now);
    for (const path of ['/admin/people', '/admin/teams', '/admin/hr-import', '/settings']) revalidatePath(path);
  }
  return {
    ok: true,
    stage: input.intent === 'confirm' ? 'applied' : 'preview',
    outcome: {
      fileName: input.file.name,
      fileSha256: sha256,
      mode: input.mode,
      deactivateMissing: input.mode === 'full' && input.deactivateMissing,
      rowsRead: prepared.rowsRead,
      ...counts,
      newTeams: plan.newTeams.map((t) => ({ name: t.name, sector: t.sector })),
      changes: plan.changes.slice(0, LISTED).map((c) => ({ row: c.row, kind: c.kind, email: c.email, name: c.name, details: c.details })),
      changeCount: plan.changes.length,
      missing: plan.missing.slice(0, LISTED).map((m) => ({ email: m.email, name: m.name, role: m.role })),
      missingCount: plan.missing.length,
      importId: result.importId,
    },
  };
}

/**
 * Previews (dry run, rolled back) or applies an HR CSV of people and teams: administrators only
 * ('manage:users'). Any problem in the file refuses all of it, writing nothing.
 */
export async function importPeople(_previous: HrImportState, input: FormData): Promise<HrImportState> {
  return runGuardedAction(input, {
    capability: 'manage:users',
    schema: hrImportFormSchema,
    fromFormData: hrImportFormFromFormData,
    run: (actor, data) => runHrImport(actor, data),
  });
}
