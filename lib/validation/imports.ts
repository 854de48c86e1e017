import { z } from 'zod';
import type { RowError } from '@/lib/import/types';
import type { ActionFailure } from './action-result';

/**
 * The device-import form: a CSV file, the format (detected unless chosen), the officer's column mapping,
 * and whether to preview or apply. Shared by the server action and the form.
 */

export const IMPORT_INTENTS = ['preview', 'confirm'] as const;
export const IMPORT_FORMAT_CHOICES = ['auto', 'generic', 'intune_devices', 'intune_apps', 'jamf_mobile', 'jamf_computers'] as const;

/** Prefix of the mapping selects' names: `map.<field>` = header ('' for none). */
export const MAPPING_PREFIX = 'map.';

export const importFormSchema = z.strictObject({
  intent: z.enum(IMPORT_INTENTS),
  file: z.instanceof(File, { message: 'Choose a CSV file.' }).refine((f) => f.size > 0, 'Choose a CSV file: this one is empty.'),
  format: z.enum(IMPORT_FORMAT_CHOICES).default('auto'),
  mapping: z.record(z.string(), z.string().max(200)),
  /** SHA-256 of the previewed file: a confirmation applies only the file that was previewed. */
  previewedSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type ImportFormInput = z.output<typeof importFormSchema>;

/** The posted form → the object `importFormSchema` reads. */
export function importFormFromFormData(form: FormData): Record<string, unknown> {
  const mapping: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith(MAPPING_PREFIX) && typeof value === 'string') mapping[key.slice(MAPPING_PREFIX.length)] = value;
  }
  const sha = form.get('previewedSha256');
  const file = form.get('file');
  return {
    intent: form.get('intent') ?? 'preview',
    file: file instanceof File && file.name === '' && file.size === 0 ? undefined : file,
    format: form.get('format') || 'auto',
    mapping,
    previewedSha256: typeof sha === 'string' && sha !== '' ? sha : undefined,
  };
}

/** One record as the preview shows it. */
export interface PreviewRecord {
  row: number;
  ownerEmail: string;
  externalId: string;
  model: string | null;
  os: string | null;
  apps: string[];
}

/** What the preview shows, and what applying did. */
export interface ImportOutcome {
  format: string;
  formatLabel: string;
  fileName: string;
  fileSha256: string;
  headers: string[];
  /** Field → header. */
  mapping: Record<string, string | null>;
  /** Fields the mapping form offers for this format. */
  fields: { field: string; label: string }[];
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  duplicates: number;
  ignored: number;
  rowErrors: RowError[];
  sample: PreviewRecord[];
  importId: number;
}

/** What the import action returns. */
export type ImportResult = (ActionFailure & { rowErrors?: RowError[] }) | { ok: true; stage: 'preview' | 'applied'; outcome: ImportOutcome };

/** State of the import form: nothing yet, or the last result. */
export type ImportState = ImportResult | null;
