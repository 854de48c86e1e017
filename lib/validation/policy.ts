import { z } from 'zod';
import {
  ATTESTATION_FREQUENCIES,
  MESSAGING_APPS,
  OPERATING_SYSTEMS,
  SEVERITIES,
  type PolicyParametersOverride,
} from '@/lib/policy';
import { startOfUtcDay } from '@/lib/time';
import type { FieldErrors } from './action-result';
import { addUtcYears, dayField } from './dates';

/**
 * Validation of policy parameter changes, shared by the server action and the form. A change is the
 * complete override of one scope (organisation, or one team) as edited: fields left out are inherited.
 */

/** Inclusive bounds of each numeric parameter, with its unit in the name. */
export const POLICY_LIMITS = {
  forwardingWindowDays: { min: 1, max: 90 },
  staleDeviceDays: { min: 1, max: 90 },
  captureSyncMaxAgeDays: { min: 1, max: 30 },
  /** A multiplier, not a count: decimals allowed. */
  supervisorWeight: { min: 1, max: 5 },
  severityWeight: { min: 0, max: 100 },
  minimumOsMajor: { min: 1, max: 99 },
} as const;

/** Longest a policy note may be, in characters. */
export const POLICY_NOTE_MAX_LENGTH = 500;
/** A change may take effect at most this many years before or after today. */
export const POLICY_EFFECTIVE_RANGE_YEARS = 2;

/** The regulatory scope flags, in display order. */
export const POLICY_FLAGS = ['ukMifidActivity', 'usSwapDealer', 'usFederalRecords'] as const;

const bounded = (label: string, { min, max }: { min: number; max: number }, integer = true) => {
  const base = z.coerce.number({ error: `${label} must be a number.` });
  return (integer ? base.int(`${label} must be a whole number.`) : base)
    .min(min, `${label} must be between ${min} and ${max}.`)
    .max(max, `${label} must be between ${min} and ${max}.`);
};

const ruleIdSchema = z.string().trim().regex(/^[A-Z]{1,3}\d{1,3}$/, 'Not a rule id.');

const channelSchema = z.strictObject({
  app: z.enum(MESSAGING_APPS, { error: 'Not a messaging app the inventory knows.' }),
  captured: z.boolean({ error: 'Say whether the channel is captured.' }),
  dataSharingAssessed: z.boolean().optional(),
});

function noDuplicates<T>(key: (item: T) => string, message: (dup: string) => string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const item of items) {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: message(k) });
      seen.add(k);
    }
  };
}

const weight = bounded('A severity weight', POLICY_LIMITS.severityWeight, false);
const osMajor = bounded('A minimum OS version', POLICY_LIMITS.minimumOsMajor);

/** One scope's stored override. Strict: unknown keys are refused, not silently dropped. */
export const policyOverrideSchema = z.strictObject({
  approvedChannels: z
    .array(channelSchema)
    .min(1, 'Approve at least one channel.')
    .superRefine(noDuplicates((c) => c.app, (app) => `${app} is listed twice.`))
    .optional(),
  forwardingWindowDays: bounded('The forwarding window', POLICY_LIMITS.forwardingWindowDays).optional(),
  captureSyncMaxAgeDays: bounded('The capture sync age', POLICY_LIMITS.captureSyncMaxAgeDays).optional(),
  staleDeviceDays: bounded('Stale-device days', POLICY_LIMITS.staleDeviceDays).optional(),
  attestationFrequency: z.enum(ATTESTATION_FREQUENCIES, { error: 'Choose quarterly, semi-annual or annual.' }).optional(),
  severityWeights: z
    .strictObject({ critical: weight.optional(), high: weight.optional(), medium: weight.optional(), low: weight.optional() })
    .optional(),
  severityOverrides: z.record(ruleIdSchema, z.enum(SEVERITIES, { error: 'Not a severity.' })).optional(),
  disabledRules: z
    .array(ruleIdSchema)
    .superRefine(noDuplicates((id) => id, (id) => `${id} is listed twice.`))
    .optional(),
  supervisorWeight: bounded('The supervisor weight', POLICY_LIMITS.supervisorWeight, false).optional(),
  minimumOsMajor: z
    .strictObject({
      ios: osMajor.optional(),
      ipados: osMajor.optional(),
      android: osMajor.optional(),
      macos: osMajor.optional(),
      windows: osMajor.optional(),
    })
    .optional(),
  ukMifidActivity: z.boolean().optional(),
  usSwapDealer: z.boolean().optional(),
  usFederalRecords: z.boolean().optional(),
}) satisfies z.ZodType<PolicyParametersOverride>;

/** A validated override. */
export type PolicyOverrideInput = z.output<typeof policyOverrideSchema>;

/**
 * A change of one scope's parameters: the team (null for the organisation), the day it takes effect
 * (default today; within two years either side of `now`), a note saying why (required, ≤ 500 characters)
 * and the complete override.
 */
export function policyChangeSchema({ now = new Date() }: { now?: Date } = {}) {
  const today = startOfUtcDay(now);
  const earliest = addUtcYears(today, -POLICY_EFFECTIVE_RANGE_YEARS);
  const latest = addUtcYears(today, POLICY_EFFECTIVE_RANGE_YEARS);
  return z.strictObject({
    teamId: z.coerce.number().int().positive('Not a team.').nullable(),
    effectiveFrom: dayField()
      .optional()
      .transform((day) => day ?? today)
      .refine((day) => day >= earliest, 'A change cannot take effect more than two years ago.')
      .refine((day) => day <= latest, 'A change cannot take effect more than two years ahead.'),
    note: z
      .string({ error: 'Say why the parameters change.' })
      .trim()
      .min(1, 'Say why the parameters change.')
      .max(POLICY_NOTE_MAX_LENGTH, `Keep the note to ${POLICY_NOTE_MAX_LENGTH} characters.`),
    parameters: policyOverrideSchema,
  });
}

/** A validated change. */
export type PolicyChangeInput = z.output<ReturnType<typeof policyChangeSchema>>;

/** Form field names, shared by the form and `policyChangeFromFormData`. */
export const POLICY_FORM_FIELDS = {
  channelsMode: 'approvedChannelsMode',
  channel: (app: string) => `channel.${app}`,
  assessed: (app: string) => `assessed.${app}`,
  weight: (severity: string) => `severityWeights.${severity}`,
  override: (ruleId: string) => `severityOverrides.${ruleId}`,
  osMinimum: (os: string) => `minimumOsMajor.${os}`,
} as const;

/**
 * The posted policy form as the object `policyChangeSchema` reads. Empty fields are left out (inherited);
 * unexpected values are passed through so that validation names them rather than guessing.
 */
export function policyChangeFromFormData(form: FormData): Record<string, unknown> {
  const text = (name: string): string | undefined => {
    const value = form.get(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const choice = (value: string | undefined, yes: string, no: string) => (value === yes ? true : value === no ? false : value);
  const compact = (entries: [string, unknown][]) => {
    const present = entries.filter(([, value]) => value !== undefined);
    return present.length > 0 ? Object.fromEntries(present) : undefined;
  };
  const f = POLICY_FORM_FIELDS;
  const parameters: Record<string, unknown> = {};
  if (text(f.channelsMode) === 'set') {
    parameters.approvedChannels = MESSAGING_APPS.flatMap((app) => {
      const status = text(f.channel(app));
      if (!status) return [];
      return [{ app, captured: choice(status, 'captured', 'not_captured'), dataSharingAssessed: form.get(f.assessed(app)) === 'on' }];
    });
  }
  for (const key of ['forwardingWindowDays', 'captureSyncMaxAgeDays', 'staleDeviceDays', 'supervisorWeight', 'attestationFrequency'] as const) {
    parameters[key] = text(key);
  }
  parameters.severityWeights = compact(SEVERITIES.map((s) => [s, text(f.weight(s))]));
  const overrides = [...form.keys()].filter((key) => key.startsWith('severityOverrides.'));
  parameters.severityOverrides = compact(overrides.map((key) => [key.slice('severityOverrides.'.length), text(key)]));
  const disabled = form.getAll('disabledRules').filter((v): v is string => typeof v === 'string' && v !== '');
  parameters.disabledRules = disabled.length > 0 ? disabled : undefined;
  parameters.minimumOsMajor = compact(OPERATING_SYSTEMS.map((os) => [os, text(f.osMinimum(os))]));
  for (const flag of POLICY_FLAGS) parameters[flag] = choice(text(`flag.${flag}`), 'yes', 'no');
  return {
    teamId: text('teamId') ?? null,
    effectiveFrom: text('effectiveFrom'),
    note: form.get('note') ?? '',
    parameters: Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined)),
  };
}

/**
 * Field errors for rule ids that the scope's pack(s) do not have, in the switched-off list and the
 * severity overrides. Empty when every id is known. `packLabel` names the pack(s) in the message.
 */
export function unknownRuleErrors(parameters: PolicyOverrideInput, knownRuleIds: ReadonlySet<string>, packLabel: string): FieldErrors {
  const errors: FieldErrors = {};
  const unknownDisabled = (parameters.disabledRules ?? []).filter((id) => !knownRuleIds.has(id));
  if (unknownDisabled.length > 0) errors['parameters.disabledRules'] = [`Not rules of ${packLabel}: ${unknownDisabled.join(', ')}.`];
  for (const id of Object.keys(parameters.severityOverrides ?? {})) {
    if (!knownRuleIds.has(id)) errors[`parameters.severityOverrides.${id}`] = [`${id} is not a rule of ${packLabel}.`];
  }
  return errors;
}
