import 'server-only';
import type { z } from 'zod';
import type { SessionUser } from '@/db/queries/users';
import { getSessionUser } from './guards';
import { can, type Capability } from './roles';
import { fieldErrorsOf, fieldFailure, type ActionFailure, type ActionResult } from '@/lib/validation/action-result';

export type { ActionFailure, ActionResult, FieldErrors } from '@/lib/validation/action-result';

/** The message for anyone refused by the guard. Says nothing about what exists. */
export const ACCESS_DENIED = 'You do not have access to this.';

/**
 * The answer to an action called with something other than a form: Next decodes an action's arguments as the
 * client sent them, so a script can post a string, a number or nothing at all where the form would be.
 */
export const NOT_A_FORM = 'This request did not carry the form: send it from the page.';

/** The person if they hold `capability`; otherwise the refusal, the same for the signed out and the unauthorised. */
export function authorize(user: SessionUser | null, capability: Capability): { ok: true; user: SessionUser } | ActionFailure {
  if (!user || !can(user.role, capability)) return { ok: false, error: ACCESS_DENIED };
  return { ok: true, user };
}

/** `schema.safeParse(input)`, with issues turned into field errors. */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | ActionFailure {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return fieldFailure(fieldErrorsOf(parsed.error));
  return { ok: true, data: parsed.data };
}

/**
 * A form's own fields as a plain object (last value wins). React adds hidden `$ACTION_…` fields to forms
 * bound to a server action; they are not the form's input and would fail strict schemas.
 */
export function formFields(form: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries([...form.entries()].filter(([key]) => !key.startsWith('$ACTION')));
}

/** How one server action is checked before its work runs. */
export interface GuardedActionSpec<S extends z.ZodType, R extends ActionResult> {
  capability: Capability;
  /** The schema, or a factory for schemas that depend on the day (e.g. "not before two years ago"). */
  schema: S | (() => S);
  /** Turns posted form fields into the object `schema` reads. Without it, FormData becomes a plain object of its last values. */
  fromFormData?: (formData: FormData) => unknown;
  /** The work, given the authorised person and the validated input. Runs only when both checks pass. */
  run: (actor: SessionUser, data: z.output<S>) => R | Promise<R>;
}

/**
 * The first lines of every server action: resolves the signed-in person from the database, refuses
 * anyone without the capability (`{ ok: false, error: 'You do not have access to this.' }`, never a throw
 * and never data), validates the input with zod (`{ ok: false, fieldErrors }`), and only then runs the
 * work. Nothing is read or written for a refused caller.
 */
export async function runGuardedAction<S extends z.ZodType, R extends ActionResult>(
  input: FormData | unknown,
  spec: GuardedActionSpec<S, R>,
): Promise<R | ActionFailure> {
  const access = authorize(await getSessionUser(), spec.capability);
  if (!access.ok) return access;
  let raw: unknown = input;
  if (input instanceof FormData) raw = spec.fromFormData ? spec.fromFormData(input) : formFields(input);
  const schema = typeof spec.schema === 'function' ? spec.schema() : spec.schema;
  const valid = validateInput(schema, raw);
  if (!valid.ok) return valid;
  return spec.run(access.user, valid.data);
}
