'use client';

import { Field, FieldError, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { createCampaign } from '@/lib/actions/campaigns';
import { firstError } from '@/lib/validation/action-result';
import { CAMPAIGN_NAME_MAX_LENGTH } from '@/lib/validation/campaigns';

/** Creates an attestation campaign: period (this quarter by default), audience, opening and due days. */
export function CreateCampaignForm({
  teams,
  defaults,
}: {
  teams: readonly { id: number; name: string; sector: string }[];
  /** `teamIds` preselects an audience of those teams (a re-attestation after a pack version change). */
  defaults: { period: string; opensAt: string; dueAt: string; name?: string; teamIds?: readonly number[] };
}) {
  const chosen = new Set(defaults.teamIds ?? []);
  const { state, pending, formProps } = useActionForm(createCampaign);
  const error = (field: string) => firstError(state, field);
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label="Create a campaign">
      <div className="grid gap-4 sm:grid-cols-4">
        <Field id="campaign-period" label="Period" hint="e.g. 2026-Q4" error={error('period')}>
          {(a) => <input {...a} name="period" defaultValue={defaults.period} required className={INPUT_CLASS} />}
        </Field>
        <Field id="campaign-name" label="Name (optional)" hint="Default: “<period> messaging attestation”." error={error('name')} className="sm:col-span-3">
          {(a) => <input {...a} name="name" defaultValue={defaults.name} maxLength={CAMPAIGN_NAME_MAX_LENGTH} className={INPUT_CLASS} />}
        </Field>
        <Field id="campaign-opens" label="Opens on" hint="Not in the past." error={error('opensAt')}>
          {(a) => <input {...a} type="date" name="opensAt" min={defaults.opensAt} defaultValue={defaults.opensAt} required className={INPUT_CLASS} />}
        </Field>
        <Field id="campaign-due" label="Due on" hint="Late answers are still taken until the next campaign opens." error={error('dueAt')}>
          {(a) => <input {...a} type="date" name="dueAt" defaultValue={defaults.dueAt} required className={INPUT_CLASS} />}
        </Field>
      </div>
      <fieldset className="rounded-md border border-slate-200 p-4" aria-describedby={error('teamIds') ? 'campaign-teams-error' : undefined}>
        <legend className="px-1 text-sm font-semibold text-slate-900">Who must attest</legend>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="radio" name="audience" value="all" defaultChecked={chosen.size === 0} /> Every team
        </label>
        <label className="mt-1 flex items-center gap-2 text-sm text-slate-800">
          <input type="radio" name="audience" value="teams" defaultChecked={chosen.size > 0} /> Only these teams:
        </label>
        <div className="mt-2 grid gap-1 pl-6 sm:grid-cols-3">
          {teams.map((team) => (
            <label key={team.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="teamIds" value={team.id} defaultChecked={chosen.has(team.id)} /> {team.name} <span className="text-xs text-slate-500">({team.sector})</span>
            </label>
          ))}
        </div>
        <FieldError id="campaign-teams" error={error('teamIds')} />
      </fieldset>
      <FormAlert state={state} />
      <SubmitButton pending={pending} pendingLabel="Creating…">Create campaign</SubmitButton>
    </form>
  );
}
