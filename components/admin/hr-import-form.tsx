'use client';

import { useActionState, useState } from 'react';
import { RowErrorTable } from '@/components/imports/row-error-table';
import { Field, INPUT_CLASS } from '@/components/ui/form';
import { useUploadSubmit } from '@/components/ui/use-upload-submit';
import { importPeople } from '@/lib/actions/hr-import';
import type { HrImportState } from '@/lib/validation/hr-import';
import { HrImportOutcomeView } from './hr-import-outcome';

const BUTTON = 'rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60';

/**
 * Upload → preview (a dry run of the real transaction: who is created, changed, moved, reactivated; new teams;
 * in a full import, who is missing) → confirm (applies exactly the previewed file in one transaction) → result.
 * Deactivating the people missing from a full file needs its own tick on the preview.
 */
export function HrImportForm({ maxMegabytes }: { maxMegabytes: number }) {
  const [state, formAction, pending] = useActionState(importPeople, null as HrImportState);
  const [mode, setMode] = useState<'partial' | 'full'>('partial');
  const { tooLarge, onSubmit } = useUploadSubmit(formAction, maxMegabytes);
  const preview = state?.ok && state.stage === 'preview' ? state.outcome : null;
  const applied = state?.ok && state.stage === 'applied' ? state.outcome : null;

  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-6" aria-label="Import people" encType="multipart/form-data">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="hr-file" label="HR CSV file" hint={`Columns: email, name, team (several separated by “;”), manager_email, role; sector for new teams; job_title. Up to ${maxMegabytes} MB.`}>
          {(a) => <input {...a} type="file" name="file" accept=".csv,text/csv,text/plain" required className={INPUT_CLASS} />}
        </Field>
        <fieldset>
          <legend className="block text-sm font-medium text-slate-800">The file lists</legend>
          <label className="mt-1 flex items-start gap-2 text-sm">
            <input type="radio" name="mode" value="partial" checked={mode === 'partial'} onChange={() => setMode('partial')} className="mt-1" />
            <span>Some people: create and update them; nobody else changes.</span>
          </label>
          <label className="mt-1 flex items-start gap-2 text-sm">
            <input type="radio" name="mode" value="full" checked={mode === 'full'} onChange={() => setMode('full')} className="mt-1" />
            <span>Everyone: also list the people missing from it, to deactivate after confirmation; teams get exactly the managers named.</span>
          </label>
        </fieldset>
      </div>
      {preview ? <input type="hidden" name="previewedSha256" value={preview.fileSha256} /> : null}

      {tooLarge ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{tooLarge}</p> : null}
      {state && !state.ok ? (
        <div role="alert" className="space-y-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          <p className="font-medium">{state.error}</p>
          {Object.values(state.fieldErrors ?? {}).flat().map((m) => <p key={m}>{m}</p>)}
          {state.rowErrors && state.rowErrors.length > 0 ? <RowErrorTable errors={state.rowErrors} caption="Problems in the file" /> : null}
        </div>
      ) : null}
      {preview ? <HrImportOutcomeView outcome={preview} applied={false} /> : null}
      {applied ? (
        <div role="status" className="space-y-3">
          <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Import applied: {applied.created} new, {applied.updated} updated, {applied.reactivated} reactivated, {applied.deactivated} deactivated, {applied.unchanged} unchanged.
          </p>
          <HrImportOutcomeView outcome={applied} applied />
        </div>
      ) : null}

      {preview && preview.mode === 'full' && preview.missingCount > 0 ? (
        <label className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <input type="checkbox" name="deactivateMissing" className="mt-1" />
          <span>
            Deactivate the {preview.missingCount} {preview.missingCount === 1 ? 'person' : 'people'} missing from the file. They leave their teams and the
            scores and can no longer sign in; their records are kept. Leave unticked to leave them as they are.
          </span>
        </label>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="preview" disabled={pending} className={`${BUTTON} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`}>
          {pending ? 'Working…' : preview ? 'Preview again' : 'Preview'}
        </button>
        {preview ? (
          <button type="submit" name="intent" value="confirm" disabled={pending} className={`${BUTTON} bg-indigo-700 text-white hover:bg-indigo-800`}>
            Apply this file
          </button>
        ) : null}
      </div>
    </form>
  );
}
