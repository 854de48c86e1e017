'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { applyExceptionGrant, applyExceptionRevocation } from '@/db/commands/exceptions';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import { formatDate } from '@/lib/format';
import type { FormState } from '@/lib/validation/action-result';
import { grantExceptionFromFormData, grantExceptionSchema, revokeExceptionSchema } from '@/lib/validation/exceptions';

/** Grants an exception from the grant form: officers only ('manage:exceptions'); validated; audited. */
export async function grantException(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:exceptions',
    schema: () => grantExceptionSchema(),
    fromFormData: grantExceptionFromFormData,
    run: (actor, data) => {
      const result = applyExceptionGrant(db, actor, data);
      if (!result.ok) return result;
      refreshScoresFrom(data.startsAt);
      revalidatePath('/exceptions');
      return { ok: true, message: `Exception granted: ${data.ruleId} is waived from ${formatDate(data.startsAt)} until ${formatDate(data.expiresAt)}.` };
    },
  });
}

/** Revokes an exception from now on: officers only ('manage:exceptions'); audited. */
export async function revokeException(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:exceptions',
    schema: revokeExceptionSchema,
    run: (actor, data) => {
      const result = applyExceptionRevocation(db, actor, data);
      if (!result.ok) return result;
      refreshScoresFrom(result.revokedAt);
      revalidatePath('/exceptions');
      return { ok: true, message: 'Exception revoked.' };
    },
  });
}
