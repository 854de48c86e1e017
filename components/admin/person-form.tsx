'use client';

import { useState } from 'react';
import { Field, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { createPersonAction, setPasswordAction, updatePersonAction } from '@/lib/actions/people';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';
import { firstError } from '@/lib/validation/action-result';
import { PERSON_TEXT_MAX_LENGTH } from '@/lib/validation/people';

const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters; not their e-mail; not a common password. A few unrelated words work well.`;

/** Creates a person: who they are, their role, an optional first team, and how they sign in. */
export function CreatePersonForm({ teams }: { teams: readonly { id: number; name: string }[] }) {
  const { state, pending, formProps } = useActionForm(createPersonAction);
  const [signIn, setSignIn] = useState<'password' | 'sso'>('password');
  const error = (field: string) => firstError(state, field);
  return (
    <form {...formProps} className="space-y-5" noValidate aria-label="Create a person">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="person-email" label="Work e-mail" error={error('email')}>
          {(a) => <input {...a} name="email" type="email" autoComplete="off" required maxLength={254} className={INPUT_CLASS} />}
        </Field>
        <Field id="person-name" label="Name" error={error('name')}>
          {(a) => <input {...a} name="name" required maxLength={PERSON_TEXT_MAX_LENGTH} className={INPUT_CLASS} />}
        </Field>
        <Field id="person-job-title" label="Job title (optional)" error={error('jobTitle')}>
          {(a) => <input {...a} name="jobTitle" maxLength={PERSON_TEXT_MAX_LENGTH} className={INPUT_CLASS} />}
        </Field>
        <Field id="person-role" label="Role" hint="What they can see and do; staff see only their own compliance." error={error('role')}>
          {(a) => (
            <select {...a} name="role" defaultValue="staff" className={INPUT_CLASS}>
              {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
            </select>
          )}
        </Field>
        <Field id="person-team" label="Team (optional)" hint="More teams and management can be added on their page." error={error('teamId')}>
          {(a) => (
            <select {...a} name="teamId" defaultValue="" className={INPUT_CLASS}>
              <option value="">No team yet</option>
              {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">How they sign in</legend>
        <div className="flex flex-wrap gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="signIn" value="password" checked={signIn === 'password'} onChange={() => setSignIn('password')} /> With a password I set now
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="signIn" value="sso" checked={signIn === 'sso'} onChange={() => setSignIn('sso')} /> Single sign-on only (no password)
          </label>
        </div>
        {signIn === 'password' ? (
          <Field id="person-password" label="Initial password" hint={PASSWORD_HINT} error={error('password')} className="mt-3 max-w-md">
            {(a) => <input {...a} name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} className={INPUT_CLASS} />}
          </Field>
        ) : null}
      </fieldset>
      <FormAlert state={state} />
      <SubmitButton pending={pending} pendingLabel="Creating…">Create person</SubmitButton>
    </form>
  );
}

/** Edits a person's e-mail, name and job title. */
export function EditPersonForm({ person }: { person: { id: number; email: string; name: string; jobTitle: string | null } }) {
  const { state, pending, formProps } = useActionForm(updatePersonAction);
  const error = (field: string) => firstError(state, field);
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label="Edit details">
      <input type="hidden" name="userId" value={person.id} />
      <Field id="edit-email" label="Work e-mail" error={error('email')}>
        {(a) => <input {...a} name="email" type="email" defaultValue={person.email} required maxLength={254} className={INPUT_CLASS} />}
      </Field>
      <Field id="edit-name" label="Name" error={error('name')}>
        {(a) => <input {...a} name="name" defaultValue={person.name} required maxLength={PERSON_TEXT_MAX_LENGTH} className={INPUT_CLASS} />}
      </Field>
      <Field id="edit-job-title" label="Job title" error={error('jobTitle')}>
        {(a) => <input {...a} name="jobTitle" defaultValue={person.jobTitle ?? ''} maxLength={PERSON_TEXT_MAX_LENGTH} className={INPUT_CLASS} />}
      </Field>
      <FormAlert state={state} />
      <SubmitButton pending={pending}>Save details</SubmitButton>
    </form>
  );
}

/** Sets a new password, checked against the policy on the server. (Removing it is a separate, confirmed button.) */
export function PasswordForm({ userId, hasPassword }: { userId: number; hasPassword: boolean }) {
  const { state, pending, formProps } = useActionForm(setPasswordAction);
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Set a password">
      <input type="hidden" name="userId" value={userId} />
      <Field id="new-password" label={hasPassword ? 'New password' : 'Password'} hint={PASSWORD_HINT} error={firstError(state, 'password')}>
        {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={INPUT_CLASS} />}
      </Field>
      <FormAlert state={state} />
      <SubmitButton pending={pending}>{hasPassword ? 'Change password' : 'Set password'}</SubmitButton>
    </form>
  );
}
