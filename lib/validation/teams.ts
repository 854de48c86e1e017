import { z } from 'zod';
import { SECTORS } from '@/lib/policy/constants';
import { emailField } from './people';

/**
 * Validation of the administrators' team forms, shared by the server actions and the forms. Whether the
 * sector is one the organisation uses is checked against the database by the command.
 */

/** Longest team name, in characters. */
export const TEAM_NAME_MAX_LENGTH = 80;

const teamId = z.coerce.number({ error: 'Not a team.' }).int('Not a team.').positive('Not a team.');

const teamFields = {
  name: z
    .string({ error: 'Name the team.' })
    .trim()
    .min(1, 'Name the team.')
    .max(TEAM_NAME_MAX_LENGTH, `Keep the name to ${TEAM_NAME_MAX_LENGTH} characters.`),
  sector: z.enum(SECTORS, { error: 'Choose the team’s sector.' }),
  /** The pack its members are scored against; the sector's own pack unless chosen. */
  policyPackId: z.enum(SECTORS, { error: 'Choose a policy pack.' }).optional(),
};

export const createTeamSchema = z
  .strictObject(teamFields)
  .transform(({ policyPackId, ...rest }) => ({ ...rest, policyPackId: policyPackId ?? rest.sector }));
export type CreateTeamInput = z.output<typeof createTeamSchema>;

export const updateTeamSchema = z
  .strictObject({ teamId, ...teamFields })
  .transform(({ policyPackId, ...rest }) => ({ ...rest, policyPackId: policyPackId ?? rest.sector }));
export type UpdateTeamInput = z.output<typeof updateTeamSchema>;

/** Adds the person with `email` to a team, optionally as one of its managers. */
export const addTeamMemberSchema = z.strictObject({
  teamId,
  email: emailField,
  manager: z.enum(['on']).optional().transform((v) => v === 'on'),
});
export type AddTeamMemberInput = z.output<typeof addTeamMemberSchema>;
