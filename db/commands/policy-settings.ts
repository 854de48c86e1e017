import { canonicalJson } from '@/lib/audit/hash';
import { POLICY_PACKS, SECTORS } from '@/lib/policy';
import { dayKey } from '@/lib/time';
import { fieldFailure, type ActionResult } from '@/lib/validation/action-result';
import { unknownRuleErrors, type PolicyChangeInput } from '@/lib/validation/policy';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import { findPolicyTeam, findSettingInForce } from '../queries/policy';
import { policySettings } from '../schema';
import type { Actor, CommandOptions } from './actor';

/** Every rule id of every pack: what an organisation-wide override may name. */
const ALL_RULE_IDS: ReadonlySet<string> = new Set(SECTORS.flatMap((sector) => POLICY_PACKS[sector].rules.map((rule) => rule.id)));

/** What a recorded change returns. */
export type PolicyChangeResult = ActionResult<{ settingId: number; teamId: number | null; effectiveFrom: Date }>;

/**
 * Records a change of one scope's policy parameters as a new version (earlier versions are never
 * touched): a policy_settings row with its effective date, who changed it and why, and an audit entry,
 * in one transaction. Refuses, writing nothing: an unknown team; rule ids (switched off, or with a
 * severity override) that are not in the scope's pack — any pack for the organisation, the team's pack
 * for a team; and a change identical to the override already in force on that day.
 * `input` has passed `policyChangeSchema`; `actor` has been authorised for 'manage:policy'.
 */
export function applyPolicyChange(
  db: AppDatabase,
  actor: Actor,
  input: PolicyChangeInput,
  { now = new Date() }: CommandOptions = {},
): PolicyChangeResult {
  const { teamId, effectiveFrom, note, parameters } = input;
  const team = teamId === null ? null : findPolicyTeam(db, { teamId });
  if (teamId !== null && !team) return fieldFailure({ teamId: ['That team does not exist.'] });

  const knownRuleIds = team ? new Set(POLICY_PACKS[team.policyPackId].rules.map((rule) => rule.id)) : ALL_RULE_IDS;
  const ruleErrors = unknownRuleErrors(parameters, knownRuleIds, team ? `the ${team.policyPackId} pack` : 'any pack');
  if (Object.keys(ruleErrors).length > 0) return fieldFailure(ruleErrors);

  return db.transaction(
    (tx): PolicyChangeResult => {
      const before = findSettingInForce(tx, { teamId, asOf: effectiveFrom });
      if (before && canonicalJson(before.parameters) === canonicalJson(parameters)) {
        return { ok: false, error: 'These are already the parameters in force on that day: nothing was changed.' };
      }
      const row = tx
        .insert(policySettings)
        .values({ teamId, parameters, effectiveFrom, changedBy: actor.id, note, createdAt: now })
        .returning({ id: policySettings.id })
        .get();
      appendAuditEntry(tx, {
        actorId: actor.id,
        action: 'policy.change',
        targetType: 'policy_settings',
        targetId: row.id,
        at: now,
        summary: {
          scope: team ? { teamId: team.id, teamName: team.name } : 'organisation',
          effectiveFrom: dayKey(effectiveFrom),
          note,
          before: before ? { settingId: before.id, parameters: before.parameters } : null,
          after: parameters,
        },
      });
      return { ok: true, settingId: row.id, teamId, effectiveFrom };
    },
    { behavior: 'immediate' },
  );
}
