import { z } from 'zod';

/** Scopes a token may hold (the same list as db/schema's API_TOKEN_SCOPES). */
export const TOKEN_SCOPES = ['devices:read', 'devices:write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Lifetimes offered, in days; 0 = no expiry. */
export const TOKEN_LIFETIMES_DAYS = [30, 90, 180, 365, 0] as const;

/** A new token: a name, at least one scope, a lifetime. */
export const createApiTokenSchema = z.strictObject({
  name: z.string({ error: 'Name the token.' }).trim().min(1, 'Name the token, e.g. “Intune sync”.').max(80, 'Keep the name to 80 characters.'),
  scopes: z.array(z.enum(TOKEN_SCOPES, 'Not a scope.')).min(1, 'Choose at least one scope.').transform((s) => [...new Set(s)].sort()),
  expiresInDays: z.coerce.number().refine((d) => (TOKEN_LIFETIMES_DAYS as readonly number[]).includes(d), 'Choose a lifetime.'),
});
export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.strictObject({ tokenId: z.coerce.number().int().positive('Not a token.') });
export type RevokeApiTokenInput = z.output<typeof revokeApiTokenSchema>;

/** The posted form → the object `createApiTokenSchema` reads (scopes are checkboxes). */
export function createApiTokenFromFormData(form: FormData): Record<string, unknown> {
  return { name: form.get('name') ?? '', scopes: form.getAll('scopes'), expiresInDays: form.get('expiresInDays') ?? '' };
}
