'use server';

import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BackgroundProcessStopped, runInBackground } from '@/db/background';
import { scheduleScoreRefresh } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import { importMaxBytes, readUpload } from '@/lib/import';
import { importFormFromFormData, importFormSchema, type ImportFormInput, type ImportResult, type ImportState } from '@/lib/validation/imports';

async function runImport(actor: { id: number }, input: ImportFormInput): Promise<ImportResult> {
  const maxBytes = importMaxBytes();
  const upload = await readUpload(input.file, { maxBytes });
  if (!upload.ok) return upload;
  const now = new Date();
  const file = {
    intent: input.intent,
    fileName: input.file.name,
    sha256: upload.sha256,
    maxBytes,
    format: input.format === 'auto' ? undefined : input.format,
    mapping: input.mapping,
    previewedSha256: input.previewedSha256,
  };
  // Reading and applying a file of thousands of rows would hold up every request in flight: done in the
  // background process, which reads the upload from a private temporary file and deletes it.
  const bytesPath = path.join(os.tmpdir(), `onchannel-import-${crypto.randomUUID()}.csv`);
  await fs.writeFile(bytesPath, upload.bytes, { mode: 0o600 });
  let result: ImportResult;
  try {
    result = await runInBackground({ kind: 'import', actorId: actor.id, file, bytesPath, now });
  } catch (error) {
    if (!(error instanceof BackgroundProcessStopped)) throw error;
    console.error('The background process stopped during a device import.', error);
    return { ok: false, error: 'The import was interrupted. If it was applied, it is in the import history; otherwise nothing was imported.' };
  } finally {
    // The job deletes it once read; here in case the job never got to it.
    await fs.rm(bytesPath, { force: true });
  }
  // The form shows this outcome; the import page itself does not change (its history is a page of its own, read
  // afresh on each visit), so no page is revalidated and rendered again in the answer.
  if (result.ok && result.stage === 'applied') scheduleScoreRefresh(now);
  return result;
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
