'use client';

import { Field, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { addMembershipAction } from '@/lib/actions/people';
import { addTeamMemberAction } from '@/lib/actions/teams';
import { firstError } from '@/lib/validation/action-result';

/** Adds the person to a team, or moves them to it (their other memberships end now; history is kept). */
export function AddToTeamForm({ userId, teams }: { userId: number; teams: readonly { id: number; name: string }[] }) {
  const { state, pending, formProps } = useActionForm(addMembershipAction);
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Add to a team">
      <input type="hidden" name="userId" value={userId} />
      <Field id="add-team" label="Team" error={firstError(state, 'teamId')}>
        {(a) => (
          <select {...a} name="teamId" defaultValue="" className={INPUT_CLASS}>
            <option value="" disabled>Choose a team…</option>
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="move" /> Move: leave their current teams
      </label>
      <FormAlert state={state} />
      <SubmitButton pending={pending}>Add to team</SubmitButton>
    </form>
  );
}

/** Adds a person to this team by e-mail, optionally as one of its managers. */
export function AddTeamMemberForm({ teamId }: { teamId: number }) {
  const { state, pending, formProps } = useActionForm(addTeamMemberAction);
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Add a member">
      <input type="hidden" name="teamId" value={teamId} />
      <Field id="member-email" label="Their work e-mail" error={firstError(state, 'email')}>
        {(a) => <input {...a} name="email" type="email" required maxLength={254} className={INPUT_CLASS} />}
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="manager" /> Also a manager of this team
      </label>
      <FormAlert state={state} />
      <SubmitButton pending={pending}>Add member</SubmitButton>
    </form>
  );
}
