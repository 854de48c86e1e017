import { z } from 'zod';
import { startOfUtcDay } from '@/lib/time';
import { addUtcYears, dayField } from './dates';

/**
 * Validation of exception grants and revocations, shared by the server actions and the forms.
 * An exception waives one rule for one person or one team (exactly one), for at most a year.
 */

/** Longest a reason may be, in characters. */
export const EXCEPTION_REASON_MAX_LENGTH = 500;
/** An exception lasts at most this many years from its start. */
export const EXCEPTION_MAX_YEARS = 1;

/** Who an exception covers. */
export type ExceptionTarget = { kind: 'person'; email: string } | { kind: 'team'; teamId: number };

/**
 * A grant: `email` of an active person or `teamId` (exactly one), a rule id, a reason (required,
 * ≤ 500 characters), `startsAt` (default today; never before today, so that past scores are never
 * rewritten) and `expiresAt` (after the start, at most a year later). Days are midnight UTC; the waiver
 * applies from the start of `startsAt` until the start of `expiresAt`.
 */
export function grantExceptionSchema({ now = new Date() }: { now?: Date } = {}) {
  const today = startOfUtcDay(now);
  return z
    .strictObject({
      email: z.string().trim().toLowerCase().pipe(z.email('Enter the person’s work e-mail.')).optional(),
      teamId: z.coerce.number().int('Choose a team.').positive('Choose a team.').optional(),
      ruleId: z.string({ error: 'Choose a rule.' }).trim().min(1, 'Choose a rule.').max(10, 'Not a rule id.'),
      reason: z
        .string({ error: 'Say why the rule is waived.' })
        .trim()
        .min(1, 'Say why the rule is waived.')
        .max(EXCEPTION_REASON_MAX_LENGTH, `Keep the reason to ${EXCEPTION_REASON_MAX_LENGTH} characters.`),
      startsAt: dayField()
        .optional()
        .transform((day) => day ?? today)
        .refine((day) => day >= today, 'An exception cannot start in the past.'),
      expiresAt: dayField('Enter the day the exception expires.'),
    })
    .superRefine((value, ctx) => {
      if (value.email === undefined && value.teamId === undefined) {
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter a person’s e-mail or choose a team.' });
        ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Choose a team or enter a person’s e-mail.' });
      }
      if (value.email !== undefined && value.teamId !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Choose a person or a team, not both.' });
      }
      if (value.expiresAt <= value.startsAt) {
        ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'The expiry must be after the start.' });
      } else if (value.expiresAt > addUtcYears(value.startsAt, EXCEPTION_MAX_YEARS)) {
        ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'An exception lasts at most a year.' });
      }
    })
    .transform(({ email, teamId, ...rest }) => {
      const target: ExceptionTarget = email !== undefined ? { kind: 'person', email } : { kind: 'team', teamId: teamId ?? 0 };
      return { ...rest, target };
    });
}

/** A validated grant. */
export type GrantExceptionInput = z.output<ReturnType<typeof grantExceptionSchema>>;

/** The posted grant form: the "waive for" choice keeps only the person's e-mail or only the team. */
export function grantExceptionFromFormData(form: FormData): Record<string, unknown> {
  const text = (name: string): string | undefined => {
    const value = form.get(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const waiveFor = text('waiveFor');
  return {
    email: waiveFor === 'team' ? undefined : text('email'),
    teamId: waiveFor === 'team' ? text('teamId') : undefined,
    ruleId: text('ruleId') ?? '',
    reason: form.get('reason') ?? '',
    startsAt: text('startsAt'),
    expiresAt: text('expiresAt') ?? '',
  };
}

/** A revocation names the exception. */
export const revokeExceptionSchema = z.strictObject({
  exceptionId: z.coerce.number().int('Not an exception.').positive('Not an exception.'),
});

export type RevokeExceptionInput = z.output<typeof revokeExceptionSchema>;
