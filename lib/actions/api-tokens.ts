'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { createApiToken, revokeApiToken } from '@/db/commands/api-tokens';
import { runGuardedAction } from '@/lib/auth/action-guard';
import type { ActionResult, FormState } from '@/lib/validation/action-result';
import { createApiTokenFromFormData, createApiTokenSchema, revokeApiTokenSchema } from '@/lib/validation/api-tokens';

/** State of the create-token form: the token itself appears once, in this state, and nowhere else. */
export type CreateTokenState = ActionResult<{ message: string; token: string }> | null;

/** Creates an API token: administrators only ('manage:api-tokens'); audited (never the token itself). */
export async function createToken(_previous: CreateTokenState, input: FormData): Promise<CreateTokenState> {
  return runGuardedAction(input, {
    capability: 'manage:api-tokens',
    schema: createApiTokenSchema,
    fromFormData: createApiTokenFromFormData,
    run: (actor, data) => {
      const result = createApiToken(db, actor, data);
      if (!result.ok) return result;
      revalidatePath('/settings');
      return { ok: true, message: `Token “${data.name}” created. Copy it now: it will not be shown again.`, token: result.token };
    },
  });
}

/** Revokes an API token from now on: administrators only; audited. */
export async function revokeToken(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:api-tokens',
    schema: revokeApiTokenSchema,
    run: (actor, data) => {
      const result = revokeApiToken(db, actor, data);
      if (!result.ok) return result;
      revalidatePath('/settings');
      return { ok: true, message: 'Token revoked.' };
    },
  });
}
