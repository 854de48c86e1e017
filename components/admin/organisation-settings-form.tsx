'use client';

import { Field, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { saveOrganisationSettings } from '@/lib/actions/organisation';
import { capitalise } from '@/lib/format';
import { SECTORS, type Sector } from '@/lib/policy/constants';
import { firstError } from '@/lib/validation/action-result';
import { ORGANISATION_LIMITS, ORGANISATION_NAME_MAX_LENGTH } from '@/lib/validation/organisation';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The organisation's settings as the form shows them. */
export interface OrganisationSettingsValues {
  name: string;
  sectorsInUse: readonly Sector[];
  fiscalYearStartMonth: number;
  staleDeviceDays: number;
  reminderLeadDays: number;
  reminderIntervalDays: number;
  retentionYears: number;
}

type NumberName = 'staleDeviceDays' | 'reminderLeadDays' | 'reminderIntervalDays' | 'retentionYears';

/** Name, sectors in use, fiscal year, stale-device days, reminder cadence and retention, saved together. */
export function OrganisationSettingsForm({ values }: { values: OrganisationSettingsValues }) {
  const { state, pending, formProps } = useActionForm(saveOrganisationSettings);
  const error = (field: string) => firstError(state, field);
  const number = (name: NumberName, label: string, unit: string, hint: string) => (
    <Field id={`org-${name}`} label={`${label} (${unit})`} hint={hint} error={error(name)}>
      {(a) => <input {...a} name={name} type="number" inputMode="numeric" step={1} min={ORGANISATION_LIMITS[name].min} max={ORGANISATION_LIMITS[name].max} defaultValue={values[name]} required className={INPUT_CLASS} />}
    </Field>
  );
  return (
    <form {...formProps} className="space-y-5" noValidate aria-label="Organisation settings">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="org-name" label="Organisation name" error={error('name')}>
          {(a) => <input {...a} name="name" defaultValue={values.name} required maxLength={ORGANISATION_NAME_MAX_LENGTH} className={INPUT_CLASS} />}
        </Field>
        <Field id="org-fiscal" label="Fiscal year starts in" hint="Quarters in reports and campaigns follow it." error={error('fiscalYearStartMonth')}>
          {(a) => (
            <select {...a} name="fiscalYearStartMonth" defaultValue={values.fiscalYearStartMonth} className={INPUT_CLASS}>
              {MONTHS.map((m, i) => <option key={m} value={i + 1}>{m}</option>)}
            </select>
          )}
        </Field>
      </div>
      <fieldset aria-describedby={error('sectorsInUse') ? 'org-sectors-error' : undefined}>
        <legend className="block text-sm font-medium text-slate-800">Sectors in use</legend>
        <p className="text-xs text-slate-600">New teams may be given these sectors. A sector a team still has cannot be dropped.</p>
        <div className="mt-1 flex flex-wrap gap-6">
          {SECTORS.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="sectorsInUse" value={s} defaultChecked={values.sectorsInUse.includes(s)} /> {capitalise(s)}
            </label>
          ))}
        </div>
        {error('sectorsInUse') ? <p id="org-sectors-error" className="mt-1 text-xs font-medium text-rose-700">{error('sectorsInUse')}</p> : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        {number('staleDeviceDays', 'Devices are stale after', 'days unseen', 'Recorded as a policy change from today (rule X7); teams with their own override keep theirs.')}
        {number('retentionYears', 'Keep compliance records for', 'years', 'The organisation’s retention period for attestations, device history and the audit log.')}
        {number('reminderLeadDays', 'First reminder', 'days before the due day', 'Scheduled “due soon” reminders start this many days before an attestation is due.')}
        {number('reminderIntervalDays', 'Between reminders', 'days', '1 sends a reminder each day until the attestation is signed; 7, once a week.')}
      </div>
      <FormAlert state={state} />
      <SubmitButton pending={pending}>Save settings</SubmitButton>
    </form>
  );
}
