'use client';

import { Field, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { createTeamAction, updateTeamAction } from '@/lib/actions/teams';
import { capitalise } from '@/lib/format';
import { SECTORS, type Sector } from '@/lib/policy/constants';
import { firstError } from '@/lib/validation/action-result';
import { TEAM_NAME_MAX_LENGTH } from '@/lib/validation/teams';

/**
 * Creates or edits a team: name, sector (one the organisation uses) and the policy pack its members are scored
 * against (the sector's own unless chosen).
 */
export function TeamForm({ team, sectorsInUse }: { team?: { id: number; name: string; sector: Sector; policyPackId: Sector }; sectorsInUse: readonly Sector[] }) {
  const { state, pending, formProps } = useActionForm(team ? updateTeamAction : createTeamAction);
  const error = (field: string) => firstError(state, field);
  const sectors = SECTORS.filter((s) => sectorsInUse.includes(s) || s === team?.sector);
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label={team ? 'Edit team' : 'Create a team'}>
      {team ? <input type="hidden" name="teamId" value={team.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={`team-name-${team?.id ?? 'new'}`} label="Name" error={error('name')}>
          {(a) => <input {...a} name="name" defaultValue={team?.name} required maxLength={TEAM_NAME_MAX_LENGTH} className={INPUT_CLASS} />}
        </Field>
        <Field id={`team-sector-${team?.id ?? 'new'}`} label="Sector" error={error('sector')}>
          {(a) => (
            <select {...a} name="sector" defaultValue={team?.sector ?? ''} required className={INPUT_CLASS}>
              {team ? null : <option value="" disabled>Choose a sector…</option>}
              {sectors.map((s) => <option key={s} value={s}>{capitalise(s)}</option>)}
            </select>
          )}
        </Field>
        <Field id={`team-pack-${team?.id ?? 'new'}`} label="Policy pack" hint="The rules its members are scored against." error={error('policyPackId')}>
          {(a) => (
            <select {...a} name="policyPackId" defaultValue={team?.policyPackId ?? ''} className={INPUT_CLASS}>
              {team ? null : <option value="">The sector’s own pack</option>}
              {SECTORS.map((s) => <option key={s} value={s}>{capitalise(s)} pack</option>)}
            </select>
          )}
        </Field>
      </div>
      <FormAlert state={state} />
      <SubmitButton pending={pending} pendingLabel={team ? 'Saving…' : 'Creating…'}>{team ? 'Save team' : 'Create team'}</SubmitButton>
    </form>
  );
}
