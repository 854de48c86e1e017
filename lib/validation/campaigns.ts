import { z } from 'zod';
import { startOfUtcDay } from '@/lib/time';
import { addUtcYears, dayField } from './dates';

/**
 * Validation of campaign creation and of a manager's nudge, shared by the server actions and the forms.
 */

/** Longest campaign name, in characters. */
export const CAMPAIGN_NAME_MAX_LENGTH = 120;

/**
 * A new campaign: a period label ('2026-Q4', '2026-H2' or '2026'), an optional name (default
 * "<period> messaging attestation"), the audience (every team, or at least one chosen team), the day it opens
 * (not before today: past scores are never rewritten) and the day it is due (after it opens, within a year).
 */
export function createCampaignSchema({ now = new Date() }: { now?: Date } = {}) {
  const today = startOfUtcDay(now);
  return z
    .strictObject({
      period: z.string({ error: 'Enter the period, e.g. 2026-Q4.' }).trim().regex(/^\d{4}(-Q[1-4]|-H[12])?$/, 'Enter the period as 2026-Q4, 2026-H2 or 2026.'),
      name: z.string().trim().max(CAMPAIGN_NAME_MAX_LENGTH, `Keep the name to ${CAMPAIGN_NAME_MAX_LENGTH} characters.`).optional(),
      audience: z.enum(['all', 'teams'], { error: 'Choose who must attest.' }),
      teamIds: z.array(z.coerce.number().int().positive('Not a team.')).max(500).default([]),
      opensAt: dayField('Enter the day the campaign opens.').refine((day) => day >= today, 'A campaign cannot open in the past.'),
      dueAt: dayField('Enter the day answers are due.'),
    })
    .superRefine((value, ctx) => {
      if (value.audience === 'teams' && value.teamIds.length === 0) ctx.addIssue({ code: 'custom', path: ['teamIds'], message: 'Choose at least one team.' });
      if (value.dueAt <= value.opensAt) ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'The due day must be after the opening day.' });
      else if (value.dueAt > addUtcYears(value.opensAt, 1)) ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'A campaign runs for at most a year.' });
    })
    .transform(({ name, audience, teamIds, ...rest }) => ({
      ...rest,
      name: name || `${rest.period} messaging attestation`,
      allTeams: audience === 'all',
      teamIds: audience === 'all' ? [] : [...new Set(teamIds)],
    }));
}

export type CreateCampaignInput = z.output<ReturnType<typeof createCampaignSchema>>;

/** The posted form: the team checkboxes are every value of `teamIds`. */
export function createCampaignFromFormData(form: FormData): Record<string, unknown> {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  return { period: text('period'), name: text('name'), audience: text('audience'), teamIds: form.getAll('teamIds'), opensAt: text('opensAt'), dueAt: text('dueAt') };
}

/** A manager's nudge names the member and the campaign. */
export const nudgeSchema = z.strictObject({
  userId: z.coerce.number().int().positive('Not a person.'),
  campaignId: z.coerce.number().int().positive('Not a campaign.'),
});

export type NudgeInput = z.output<typeof nudgeSchema>;
