import { z } from 'zod';
import type { RowError } from '@/lib/import/types';
import type { ActionFailure } from './action-result';

/**
 * The HR import form: a CSV file, the mode (update the people listed, or the file lists everyone), the
 * confirmation that people missing from a full file may be deactivated, and whether to preview or apply.
 */

export const HR_IMPORT_MODES = ['partial', 'full'] as const;

export const hrImportFormSchema = z.strictObject({
  intent: z.enum(['preview', 'confirm']),
  file: z.instanceof(File, { message: 'Choose a CSV file.' }).refine((f) => f.size > 0, 'Choose a CSV file: this one is empty.'),
  mode: z.enum(HR_IMPORT_MODES, { error: 'Choose what the file covers.' }),
  deactivateMissing: z.boolean(),
  /** SHA-256 of the previewed file: a confirmation applies only the file that was previewed. */
  previewedSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type HrImportFormInput = z.output<typeof hrImportFormSchema>;

/** The posted form → the object `hrImportFormSchema` reads. */
export function hrImportFormFromFormData(form: FormData): Record<string, unknown> {
  const file = form.get('file');
  const sha = form.get('previewedSha256');
  return {
    intent: form.get('intent') ?? 'preview',
    file: file instanceof File && file.name === '' && file.size === 0 ? undefined : file,
    mode: form.get('mode') ?? 'partial',
    deactivateMissing: form.get('deactivateMissing') === 'on',
    previewedSha256: typeof sha === 'string' && sha !== '' ? sha : undefined,
  };
}

/** One person's change as the preview lists it. */
export interface HrChangeRow {
  row: number | null;
  kind: 'create' | 'update' | 'reactivate' | 'deactivate';
  email: string;
  name: string;
  details: string[];
}

/** What the preview shows, and what applying did. */
export interface HrImportOutcome {
  fileName: string;
  fileSha256: string;
  mode: (typeof HR_IMPORT_MODES)[number];
  deactivateMissing: boolean;
  rowsRead: number;
  created: number;
  updated: number;
  reactivated: number;
  deactivated: number;
  unchanged: number;
  newTeams: { name: string; sector: string }[];
  /** The first changes (the preview lists at most a few hundred), and how many there are. */
  changes: HrChangeRow[];
  changeCount: number;
  /** Active people missing from a full file (first few hundred) and how many. */
  missing: { email: string; name: string; role: string }[];
  missingCount: number;
  importId: number;
}

export type HrImportResultState = (ActionFailure & { rowErrors?: RowError[] }) | { ok: true; stage: 'preview' | 'applied'; outcome: HrImportOutcome };

/** State of the HR import form: nothing yet, or the last result. */
export type HrImportState = HrImportResultState | null;
