import { z } from 'zod';
import { SECTORS } from '@/lib/policy/constants';
import { POLICY_LIMITS } from './policy';

/** Validation of the organisation settings form, shared by the server action and the form. */

/** Inclusive bounds of each numeric setting, with its unit in the name. */
export const ORGANISATION_LIMITS = {
  fiscalYearStartMonth: { min: 1, max: 12 },
  staleDeviceDays: POLICY_LIMITS.staleDeviceDays,
  reminderLeadDays: { min: 1, max: 60 },
  reminderIntervalDays: { min: 1, max: 30 },
  retentionYears: { min: 1, max: 30 },
} as const;

/** Longest organisation name, in characters. */
export const ORGANISATION_NAME_MAX_LENGTH = 120;

const whole = (label: string, { min, max }: { min: number; max: number }) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be between ${min} and ${max}.`)
    .max(max, `${label} must be between ${min} and ${max}.`);

/**
 * The whole settings form: name, sectors in use (at least one), fiscal year start month, stale-device days
 * (a policy parameter, versioned), reminder lead and interval days, retention years.
 */
export const organisationSettingsSchema = z.strictObject({
  name: z
    .string({ error: 'Name the organisation.' })
    .trim()
    .min(1, 'Name the organisation.')
    .max(ORGANISATION_NAME_MAX_LENGTH, `Keep the name to ${ORGANISATION_NAME_MAX_LENGTH} characters.`),
  sectorsInUse: z
    .array(z.enum(SECTORS, { error: 'Not a sector.' }))
    .min(1, 'Choose at least one sector.')
    .transform((s) => SECTORS.filter((sector) => s.includes(sector))),
  fiscalYearStartMonth: whole('The fiscal year start', ORGANISATION_LIMITS.fiscalYearStartMonth),
  staleDeviceDays: whole('Stale-device days', ORGANISATION_LIMITS.staleDeviceDays),
  reminderLeadDays: whole('Reminder lead time', ORGANISATION_LIMITS.reminderLeadDays),
  reminderIntervalDays: whole('Days between reminders', ORGANISATION_LIMITS.reminderIntervalDays),
  retentionYears: whole('Retention', ORGANISATION_LIMITS.retentionYears),
});
export type OrganisationSettingsInput = z.output<typeof organisationSettingsSchema>;

/** The posted form → the object the schema reads (sectors are checkboxes). */
export function organisationSettingsFromFormData(form: FormData): Record<string, unknown> {
  const text = (name: string) => form.get(name) ?? '';
  return {
    name: text('name'),
    sectorsInUse: form.getAll('sectorsInUse'),
    fiscalYearStartMonth: text('fiscalYearStartMonth'),
    staleDeviceDays: text('staleDeviceDays'),
    reminderLeadDays: text('reminderLeadDays'),
    reminderIntervalDays: text('reminderIntervalDays'),
    retentionYears: text('retentionYears'),
  };
}
