'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field, INPUT_CLASS } from '@/components/ui/form';
import { useUploadSubmit } from '@/components/ui/use-upload-submit';
import { importDevices } from '@/lib/actions/imports';
import { IMPORT_FORMAT_CHOICES, MAPPING_PREFIX, type ImportState } from '@/lib/validation/imports';
import { ImportOutcomeView } from './import-outcome';
import { RowErrorTable } from './row-error-table';

const FORMAT_LABELS: Record<(typeof IMPORT_FORMAT_CHOICES)[number], string> = {
  auto: 'Detect from the header row',
  generic: 'Onchannel template',
  intune_devices: 'Microsoft Intune — devices export',
  intune_apps: 'Microsoft Intune — discovered apps',
  jamf_mobile: 'Jamf Pro — mobile devices',
  jamf_computers: 'Jamf Pro — computers',
};

const BUTTON = 'rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60';

/**
 * Upload → preview (a dry run: counts, row errors, rows matching no person, the column mapping to adjust)
 * → confirm (applies the previewed file in one transaction) → result.
 */
export function ImportForm({ maxMegabytes }: { maxMegabytes: number }) {
  const [state, formAction, pending] = useActionState(importDevices, null as ImportState);
  const { tooLarge, onSubmit } = useUploadSubmit(formAction, maxMegabytes);
  const preview = state?.ok && state.stage === 'preview' ? state.outcome : null;
  const applied = state?.ok && state.stage === 'applied' ? state.outcome : null;

  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-6" aria-label="Import devices" encType="multipart/form-data">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="import-file" label="CSV file" hint={`UTF-8 or UTF-16 (Excel), comma or semicolon separated; up to ${maxMegabytes} MB.`}>
          {(a) => <input {...a} type="file" name="file" accept=".csv,text/csv,text/plain" required className={INPUT_CLASS} />}
        </Field>
        <Field id="import-format" label="Format">
          {(a) => (
            <select {...a} name="format" defaultValue="auto" className={INPUT_CLASS}>
              {IMPORT_FORMAT_CHOICES.map((f) => <option key={f} value={f}>{FORMAT_LABELS[f]}</option>)}
            </select>
          )}
        </Field>
      </div>

      {preview ? (
        <fieldset className="rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">Column mapping</legend>
          <p className="mb-3 text-xs text-slate-600">Which column of the file fills each field. Change one and preview again.</p>
          <input type="hidden" name="previewedSha256" value={preview.fileSha256} />
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {preview.fields.map(({ field, label }) => (
              <Field key={`${preview.fileSha256}-${field}`} id={`map-${field}`} label={label}>
                {(a) => (
                  <select {...a} name={`${MAPPING_PREFIX}${field}`} defaultValue={preview.mapping[field] ?? ''} className={INPUT_CLASS}>
                    <option value="">(no column)</option>
                    {preview.headers.map((h) => <option key={h} value={h}>{h}</option>)}
                  </select>
                )}
              </Field>
            ))}
          </div>
        </fieldset>
      ) : null}

      {tooLarge ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{tooLarge}</p> : null}
      {state && !state.ok ? (
        <div role="alert" className="space-y-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          <p className="font-medium">{state.error}</p>
          {Object.values(state.fieldErrors ?? {}).flat().map((m) => <p key={m}>{m}</p>)}
          {state.rowErrors && state.rowErrors.length > 0 ? <RowErrorTable errors={state.rowErrors} caption="Row errors" /> : null}
        </div>
      ) : null}
      {preview ? <ImportOutcomeView outcome={preview} applied={false} /> : null}
      {applied ? (
        <div role="status" className="space-y-3">
          <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Import applied: {applied.created} new, {applied.updated} updated, {applied.unchanged} unchanged, {applied.rejected} rejected.{' '}
            <Link href="/imports/history" className="underline">See the import history</Link>.
          </p>
          <ImportOutcomeView outcome={applied} applied />
        </div>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="preview" disabled={pending} className={`${BUTTON} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`}>
          {pending ? 'Working…' : preview ? 'Preview again' : 'Preview'}
        </button>
        {preview && preview.created + preview.updated + preview.unchanged > 0 ? (
          <button type="submit" name="intent" value="confirm" disabled={pending} className={`${BUTTON} bg-indigo-700 text-white hover:bg-indigo-800`}>
            Import {preview.created + preview.updated + preview.unchanged} row(s)
          </button>
        ) : null}
      </div>
    </form>
  );
}
