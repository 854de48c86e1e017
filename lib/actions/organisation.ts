'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { updateOrganisationSettings } from '@/db/commands/organisation';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import type { FormState } from '@/lib/validation/action-result';
import { organisationSettingsFromFormData, organisationSettingsSchema } from '@/lib/validation/organisation';

/** Saves the organisation settings ('manage:settings'); a new stale-device limit rescores from today. */
export async function saveOrganisationSettings(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:settings',
    schema: organisationSettingsSchema,
    fromFormData: organisationSettingsFromFormData,
    run: (actor, data) => {
      const result = updateOrganisationSettings(db, actor, data);
      if (!result.ok) return result;
      if (result.changed.length === 0) return { ok: true, message: 'Nothing to change.' };
      if (result.scoresFrom) refreshScoresFrom(result.scoresFrom);
      // The organisation's name is in every page's header; quarters follow the fiscal year everywhere.
      revalidatePath('/', 'layout');
      return { ok: true, message: 'Settings saved.' };
    },
  });
}
