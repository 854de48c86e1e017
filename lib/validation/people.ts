import { z } from 'zod';
import { passwordProblem } from '@/lib/auth/password-policy';
import { ROLES } from '@/lib/auth/roles';

/**
 * Validation of the administrators' people forms (create, edit, role, status, password, teams), shared by
 * the server actions and the forms.
 */

/** Longest name or job title, in characters. */
export const PERSON_TEXT_MAX_LENGTH = 120;
/** People listed per page of the directory. */
export const PEOPLE_PAGE_SIZE = 50;
/** How a new person signs in: a password set now, or single sign-on only (no password stored). */
export const SIGN_IN_METHODS = ['password', 'sso'] as const;

const id = (what: string) => z.coerce.number({ error: `Not a ${what}.` }).int(`Not a ${what}.`).positive(`Not a ${what}.`);

/** A work e-mail, stored lower-case (sign-in and imports match on it). */
export const emailField = z
  .string({ error: 'Enter the work e-mail.' })
  .trim()
  .toLowerCase()
  .max(254, 'An e-mail address has at most 254 characters.')
  .pipe(z.email('Enter a valid e-mail address, e.g. name@example.com.'));

export const nameField = z
  .string({ error: 'Enter the name.' })
  .trim()
  .min(1, 'Enter the name.')
  .max(PERSON_TEXT_MAX_LENGTH, `Keep the name to ${PERSON_TEXT_MAX_LENGTH} characters.`);

/** Optional job title: empty becomes null. */
const jobTitleField = z
  .string()
  .trim()
  .max(PERSON_TEXT_MAX_LENGTH, `Keep the job title to ${PERSON_TEXT_MAX_LENGTH} characters.`)
  .optional()
  .transform((t) => (t ? t : null));

const roleField = z.enum(ROLES, { error: 'Choose a role.' });

/**
 * A new person: e-mail, name, optional job title, role, optional first team, and how they sign in. A password
 * (checked against the password policy, which needs the e-mail) only when they sign in with one.
 */
export const createPersonSchema = z
  .strictObject({
    email: emailField,
    name: nameField,
    jobTitle: jobTitleField,
    role: roleField,
    /** '' (the "no team yet" choice) means none. */
    teamId: z.preprocess((v) => (v === '' ? undefined : v), id('team').optional()),
    signIn: z.enum(SIGN_IN_METHODS, { error: 'Choose how they sign in.' }),
    password: z.string().max(1024).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.signIn !== 'password') return;
    const problem = passwordProblem(value.password ?? '', value.email);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  })
  .transform(({ password, signIn, ...rest }) => ({ ...rest, password: signIn === 'password' ? (password ?? null) : null }));
export type CreatePersonInput = z.output<typeof createPersonSchema>;

/** Edits a person's e-mail, name and job title. */
export const updatePersonSchema = z.strictObject({ userId: id('person'), email: emailField, name: nameField, jobTitle: jobTitleField });
export type UpdatePersonInput = z.output<typeof updatePersonSchema>;

export const changeRoleSchema = z.strictObject({ userId: id('person'), role: roleField });
export type ChangeRoleInput = z.output<typeof changeRoleSchema>;

/** Deactivates or reactivates a person. */
export const setActiveSchema = z.strictObject({ userId: id('person'), active: z.enum(['true', 'false']).transform((v) => v === 'true') });
export type SetActiveInput = z.output<typeof setActiveSchema>;

/** A new password for a person (`set`), or none, leaving them single sign-on only (`remove`). The policy is checked with their e-mail. */
export const setPasswordSchema = z
  .strictObject({
    userId: id('person'),
    intent: z.enum(['set', 'remove']).default('set'),
    password: z.string().max(1024).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.intent === 'set' && !value.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'Enter the new password.' });
  })
  .transform(({ userId, intent, password }) => ({ userId, password: intent === 'remove' ? null : (password ?? null) }));
export type SetPasswordInput = z.output<typeof setPasswordSchema>;

/** Adds a person to a team; `move` ends their other memberships at the same moment. */
export const addMembershipSchema = z.strictObject({
  userId: id('person'),
  teamId: id('team'),
  move: z.enum(['on']).optional().transform((v) => v === 'on'),
});
export type AddMembershipInput = z.output<typeof addMembershipSchema>;

/** Identifies one person in one team: ending a membership, adding or removing a manager. */
export const personInTeamSchema = z.strictObject({ userId: id('person'), teamId: id('team') });
export type PersonInTeamInput = z.output<typeof personInTeamSchema>;

/** The directory's filters, read from the URL: anything unreadable falls back to "no filter". */
export const peopleFilterSchema = z.object({
  q: z.string().trim().max(100).catch('').default(''),
  team: z.coerce.number().int().positive().optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(['active', 'deactivated', 'all']).catch('active').default('active'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type PeopleFilter = z.output<typeof peopleFilterSchema>;
