'use client';

import { Field, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { changeRoleAction } from '@/lib/actions/people';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';
import { firstError } from '@/lib/validation/action-result';

/** What each role may do, in words, beside the role picker. */
const ROLE_HINTS: Record<Role, string> = {
  staff: 'Their own compliance only.',
  manager: 'Plus the teams they manage.',
  officer: 'The whole organisation, policy, exceptions, imports and the audit log.',
  admin: 'People, teams, settings and API tokens.',
};

/** Changes a person's role; refused for yourself, the last administrator and managers of teams. */
export function RoleForm({ userId, role }: { userId: number; role: Role }) {
  const { state, pending, formProps } = useActionForm(changeRoleAction);
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Change role">
      <input type="hidden" name="userId" value={userId} />
      <Field id="change-role" label="Role" error={firstError(state, 'role')}>
        {(a) => (
          <select {...a} name="role" defaultValue={role} className={INPUT_CLASS}>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]} — {ROLE_HINTS[r]}</option>)}
          </select>
        )}
      </Field>
      <FormAlert state={state} />
      <SubmitButton pending={pending}>Change role</SubmitButton>
    </form>
  );
}
