'use server';

import bcrypt from 'bcryptjs';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { db } from '@/db';
import {
  addManager,
  addMembership,
  changeRole,
  createPerson,
  endTeamMembership,
  removeManager,
  setPersonActive,
  setPersonPassword,
  updatePerson,
} from '@/db/commands/people';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import { passwordProblem } from '@/lib/auth/password-policy';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { fieldFailure, type ActionResult, type FormState } from '@/lib/validation/action-result';
import {
  addMembershipSchema,
  changeRoleSchema,
  createPersonSchema,
  personInTeamSchema,
  setActiveSchema,
  setPasswordSchema,
  updatePersonSchema,
} from '@/lib/validation/people';

/** bcrypt cost of passwords set by administrators (about a quarter of a second per hash). */
const PASSWORD_HASH_COST = 12;

/** After a change to people or teams: the admin pages, and the scores from now (memberships drive them). */
function afterChange(userId: number, { scores }: { scores: boolean }): void {
  if (scores) refreshScoresFrom(new Date());
  revalidatePath('/admin/people');
  revalidatePath(`/admin/people/${userId}`);
  revalidatePath('/admin/teams', 'layout');
  revalidatePath('/settings');
}

/** Creates a person ('manage:users'), with a password that meets the policy or for single sign-on only, then opens their page. */
export async function createPersonAction(_previous: FormState, input: FormData): Promise<FormState> {
  const result: ActionResult<{ message: string; userId?: number }> = await runGuardedAction(input, {
    capability: 'manage:users',
    schema: createPersonSchema,
    run: async (actor, { password, ...data }) => {
      const passwordHash = password ? await bcrypt.hash(password, PASSWORD_HASH_COST) : null;
      const created = createPerson(db, actor, { ...data, passwordHash });
      if (!created.ok) return created;
      afterChange(created.userId, { scores: data.teamId !== undefined });
      return { ok: true, message: `${data.name} was created.`, userId: created.userId };
    },
  });
  if (result.ok && result.userId) redirect(`/admin/people/${result.userId}`);
  return result;
}

/** Edits a person's e-mail, name and job title ('manage:users'). */
export async function updatePersonAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:users',
    schema: updatePersonSchema,
    run: (actor, data) => {
      const result = updatePerson(db, actor, data);
      if (!result.ok) return result;
      if (result.changed.length === 0) return { ok: true, message: 'Nothing to change.' };
      afterChange(data.userId, { scores: result.changed.includes('name') });
      return { ok: true, message: 'Saved.' };
    },
  });
}

/** Changes a person's role ('manage:users'); takes effect on their next request. */
export async function changeRoleAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:users',
    schema: changeRoleSchema,
    run: (actor, data) => {
      const result = changeRole(db, actor, data);
      if (!result.ok) return result;
      afterChange(data.userId, { scores: false });
      return { ok: true, message: `Role changed to ${ROLE_LABELS[data.role]}.` };
    },
  });
}

/** Deactivates (leaves every team and the scores; can no longer sign in) or reactivates a person ('manage:users'). */
export async function setPersonActiveAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:users',
    schema: setActiveSchema,
    run: (actor, data) => {
      const result = setPersonActive(db, actor, data);
      if (!result.ok) return result;
      afterChange(data.userId, { scores: !data.active });
      return { ok: true, message: data.active ? 'Reactivated. Add them to their teams again.' : 'Deactivated: they can no longer sign in and have left their teams.' };
    },
  });
}

/** Sets a new password that meets the policy, or removes it (single sign-on only) ('manage:users'). */
export async function setPasswordAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:users',
    schema: setPasswordSchema,
    run: async (actor, { userId, password }) => {
      const person = db.$client.prepare<[number], { email: string }>('SELECT email FROM users WHERE id = ?').get(userId);
      if (!person) return { ok: false, error: 'That person does not exist.' };
      const problem = password === null ? null : passwordProblem(password, person.email);
      if (problem) return fieldFailure({ password: [problem] });
      const result = setPersonPassword(db, actor, { userId, passwordHash: password === null ? null : await bcrypt.hash(password, PASSWORD_HASH_COST) });
      if (!result.ok) return result;
      afterChange(userId, { scores: false });
      return { ok: true, message: password === null ? 'Password removed: they sign in with single sign-on only.' : 'Password set. Give it to them privately.' };
    },
  });
}

/** Adds a person to a team, or moves them to it ('manage:teams'). */
export async function addMembershipAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:teams',
    schema: addMembershipSchema,
    run: (actor, data) => {
      const result = addMembership(db, actor, data);
      if (!result.ok) return result;
      afterChange(data.userId, { scores: true });
      return { ok: true, message: data.move ? 'Moved to the team.' : 'Added to the team.' };
    },
  });
}

/** Ends a person's membership of a team ('manage:teams'). */
export async function endMembershipAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:teams',
    schema: personInTeamSchema,
    run: (actor, data) => {
      const result = endTeamMembership(db, actor, data);
      if (!result.ok) return result;
      afterChange(data.userId, { scores: true });
      return { ok: true, message: 'Removed from the team.' };
    },
  });
}

/** Makes a member one of the team's managers ('manage:teams'). */
export async function addManagerAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:teams',
    schema: personInTeamSchema,
    run: (actor, data) => {
      const result = addManager(db, actor, data);
      if (!result.ok) return result;
      afterChange(data.userId, { scores: true });
      return { ok: true, message: 'Now a manager of the team.' };
    },
  });
}

/** Ends a person's management of a team; they stay a member ('manage:teams'). */
export async function removeManagerAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:teams',
    schema: personInTeamSchema,
    run: (actor, data) => {
      const result = removeManager(db, actor, data);
      if (!result.ok) return result;
      afterChange(data.userId, { scores: true });
      return { ok: true, message: 'No longer a manager of the team.' };
    },
  });
}
