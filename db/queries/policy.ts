import { and, asc, desc, eq, isNull, lte, type SQL } from 'drizzle-orm';
import { mergeParameters, type PolicyParameters, type PolicyParametersOverride, type Sector } from '@/lib/policy';
import { policyOverrideSchema } from '@/lib/validation/policy';
import type { AppDatabase } from '../connection';
import { policySettings, teams, users } from '../schema';
import type { DatabaseOrTransaction } from '../transaction';

/** Where one version stands on the day asked about. */
export type PolicyVersionStatus = 'in_force' | 'scheduled' | 'superseded';

/** One version of a scope's override, with who changed it and when. */
export interface PolicySettingVersion {
  id: number;
  /** Null for the organisation. */
  teamId: number | null;
  parameters: PolicyParametersOverride;
  effectiveFrom: Date;
  changedById: number | null;
  changedByName: string | null;
  note: string | null;
  /** When the change was recorded (may differ from `effectiveFrom`). */
  createdAt: Date;
}

/** A version with its standing on a day. */
export interface PolicySettingHistoryRow extends PolicySettingVersion {
  status: PolicyVersionStatus;
}

/**
 * Reads a stored override. Rows are written only after validation, so a row that fails it has been
 * altered outside the app: that is thrown rather than guessed at.
 */
export function parseStoredOverride(value: unknown, rowId: number): PolicyParametersOverride {
  const parsed = policyOverrideSchema.safeParse(value);
  if (!parsed.success) throw new Error(`policy_settings row ${rowId} holds parameters that fail validation`);
  return parsed.data;
}

const scopeFilter = (teamId: number | null): SQL | undefined =>
  teamId === null ? isNull(policySettings.teamId) : eq(policySettings.teamId, teamId);

const versionColumns = {
  id: policySettings.id,
  teamId: policySettings.teamId,
  parameters: policySettings.parameters,
  effectiveFrom: policySettings.effectiveFrom,
  changedById: policySettings.changedBy,
  changedByName: users.name,
  note: policySettings.note,
  createdAt: policySettings.createdAt,
};

/**
 * Every version of one scope's override (`teamId` null: the organisation), latest effective date first
 * (ties: latest recorded first), each marked in force, scheduled or superseded as of `asOf`.
 */
export function listPolicySettingHistory(
  db: AppDatabase,
  { teamId, asOf }: { teamId: number | null; asOf: Date },
): PolicySettingHistoryRow[] {
  const rows = db
    .select(versionColumns)
    .from(policySettings)
    .leftJoin(users, eq(users.id, policySettings.changedBy))
    .where(scopeFilter(teamId))
    .orderBy(desc(policySettings.effectiveFrom), desc(policySettings.id))
    .all();
  let inForceSeen = false;
  return rows.map((row) => {
    let status: PolicyVersionStatus = 'superseded';
    if (row.effectiveFrom > asOf) status = 'scheduled';
    else if (!inForceSeen) {
      status = 'in_force';
      inForceSeen = true;
    }
    return { ...row, parameters: parseStoredOverride(row.parameters, row.id), status };
  });
}

/**
 * The version of one scope's override in force on `asOf`: the latest `effective_from ≤ asOf`, the latest
 * recorded winning a tie. Null when the scope has none (it then inherits everything).
 */
export function findSettingInForce(
  db: DatabaseOrTransaction,
  { teamId, asOf }: { teamId: number | null; asOf: Date },
): PolicySettingVersion | null {
  const row = db
    .select(versionColumns)
    .from(policySettings)
    .leftJoin(users, eq(users.id, policySettings.changedBy))
    .where(and(scopeFilter(teamId), lte(policySettings.effectiveFrom, asOf)))
    .orderBy(desc(policySettings.effectiveFrom), desc(policySettings.id))
    .limit(1)
    .get();
  return row ? { ...row, parameters: parseStoredOverride(row.parameters, row.id) } : null;
}

/**
 * The parameters in force on `asOf` for a team (or, with `teamId` null, for the organisation as a whole):
 * defaults, overlaid with the organisation's override in force on that day, overlaid with the team's.
 */
export function parametersInForce(db: AppDatabase, { teamId, asOf }: { teamId: number | null; asOf: Date }): PolicyParameters {
  const org = findSettingInForce(db, { teamId: null, asOf });
  const team = teamId === null ? null : findSettingInForce(db, { teamId, asOf });
  return mergeParameters(org?.parameters ?? {}, team?.parameters ?? {});
}

/** A team as the policy pages need it: name, sector and the pack it is scored against. */
export interface PolicyTeam {
  id: number;
  name: string;
  sector: Sector;
  policyPackId: Sector;
}

/** Every team, by name, with its pack. */
export function listPolicyTeams(db: AppDatabase): PolicyTeam[] {
  return db
    .select({ id: teams.id, name: teams.name, sector: teams.sector, policyPackId: teams.policyPackId })
    .from(teams)
    .orderBy(asc(teams.name))
    .all();
}

/** One team with its pack, or null. */
export function findPolicyTeam(db: DatabaseOrTransaction, { teamId }: { teamId: number }): PolicyTeam | null {
  return (
    db
      .select({ id: teams.id, name: teams.name, sector: teams.sector, policyPackId: teams.policyPackId })
      .from(teams)
      .where(eq(teams.id, teamId))
      .get() ?? null
  );
}
