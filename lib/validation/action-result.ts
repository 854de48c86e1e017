import type { z } from 'zod';

/**
 * The result shape every server action returns and every form reads with `useActionState`. Free of
 * server imports so that client forms can use the types and helpers.
 */

/** Field name (dotted path of the input, e.g. 'parameters.forwardingWindowDays') → messages. */
export type FieldErrors = Record<string, string[]>;

/** An expected failure, shown to the person: a sentence and, for bad input, the fields at fault. */
export interface ActionFailure {
  ok: false;
  error: string;
  fieldErrors?: FieldErrors;
}

/** What a server action returns: success with its data, or an expected failure. */
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

/** State of a form before its first submission, and after each one. */
export type FormState = ActionResult<{ message: string }> | null;

/** The message when input fails validation; the field errors say which fields. */
export const INVALID_INPUT = 'Some fields need correcting.';

/** A failure naming the fields at fault. */
export function fieldFailure(fieldErrors: FieldErrors, error: string = INVALID_INPUT): ActionFailure {
  return { ok: false, error, fieldErrors };
}

/** Zod issues grouped by their dotted path ('' for the input as a whole). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/** The first message for `field`, if any: what a form shows under the input. */
export function firstError(state: FormState, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
}
