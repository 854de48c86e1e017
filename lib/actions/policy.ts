'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { applyPolicyChange } from '@/db/commands/policy-settings';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import { formatDate } from '@/lib/format';
import type { FormState } from '@/lib/validation/action-result';
import { policyChangeFromFormData, policyChangeSchema } from '@/lib/validation/policy';

/**
 * Changes the organisation's or one team's policy parameters from the policy form: officers only
 * ('manage:policy'); validated; recorded as a new version with an audit entry.
 */
export async function changePolicyParameters(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:policy',
    schema: () => policyChangeSchema(),
    fromFormData: policyChangeFromFormData,
    run: (actor, data) => {
      const result = applyPolicyChange(db, actor, data);
      if (!result.ok) return result;
      refreshScoresFrom(result.effectiveFrom);
      revalidatePath('/policy');
      return { ok: true, message: `Saved. The new parameters take effect on ${formatDate(result.effectiveFrom)}.` };
    },
  });
}
