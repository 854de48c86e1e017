'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { db } from '@/db';
import { addTeamMemberByEmail, createTeam, updateTeam } from '@/db/commands/teams';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import type { ActionResult, FormState } from '@/lib/validation/action-result';
import { addTeamMemberSchema, createTeamSchema, updateTeamSchema } from '@/lib/validation/teams';

function revalidateTeams(teamId: number): void {
  revalidatePath('/admin/teams');
  revalidatePath(`/admin/teams/${teamId}`);
  revalidatePath('/settings');
}

/** Creates a team with its sector and policy pack ('manage:teams'), then opens its page to add members. */
export async function createTeamAction(_previous: FormState, input: FormData): Promise<FormState> {
  const result: ActionResult<{ message: string; teamId?: number }> = await runGuardedAction(input, {
    capability: 'manage:teams',
    schema: createTeamSchema,
    run: (actor, data) => {
      const created = createTeam(db, actor, data);
      if (!created.ok) return created;
      revalidateTeams(created.teamId);
      return { ok: true, message: `${data.name} was created.`, teamId: created.teamId };
    },
  });
  if (result.ok && result.teamId) redirect(`/admin/teams/${result.teamId}`);
  return result;
}

/** Renames a team or changes its sector or policy pack ('manage:teams'); a new pack rescores its members from now. */
export async function updateTeamAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:teams',
    schema: updateTeamSchema,
    run: (actor, data) => {
      const result = updateTeam(db, actor, data);
      if (!result.ok) return result;
      if (result.changed.length === 0) return { ok: true, message: 'Nothing to change.' };
      if (result.packChanged || result.changed.includes('name') || result.changed.includes('sector')) refreshScoresFrom(new Date());
      revalidateTeams(data.teamId);
      return { ok: true, message: 'Saved.' };
    },
  });
}

/** Adds a person, by e-mail, to a team, optionally as one of its managers ('manage:teams'). */
export async function addTeamMemberAction(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:teams',
    schema: addTeamMemberSchema,
    run: (actor, data) => {
      const result = addTeamMemberByEmail(db, actor, data);
      if (!result.ok) return result;
      refreshScoresFrom(new Date());
      revalidateTeams(data.teamId);
      revalidatePath(`/admin/people/${result.userId}`);
      return { ok: true, message: data.manager ? 'Added as a manager.' : 'Added to the team.' };
    },
  });
}
