import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { findRule, getPack, type Sector } from '@/lib/policy';
import { dayKey } from '@/lib/time';
import { fieldFailure, type ActionFailure, type ActionResult } from '@/lib/validation/action-result';
import type { GrantExceptionInput, RevokeExceptionInput } from '@/lib/validation/exceptions';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import { sealIdentifyingFields } from '../personal-keys';
import { exceptionStatus, findException } from '../queries/exceptions';
import { findPolicyTeam } from '../queries/policy';
import { exceptions, teamMembers, teams, users } from '../schema';
import type { Actor, CommandOptions } from './actor';

/** Who a grant covers once resolved: the person's current teams' packs, or the team's. */
type ResolvedTarget =
  | { kind: 'person'; userId: number; name: string; packs: Sector[] }
  | { kind: 'team'; teamId: number; name: string; packs: Sector[] };

function resolveTarget(db: AppDatabase, target: GrantExceptionInput['target']): ResolvedTarget | ActionFailure {
  if (target.kind === 'team') {
    const team = findPolicyTeam(db, { teamId: target.teamId });
    if (!team) return fieldFailure({ teamId: ['That team does not exist.'] });
    return { kind: 'team', teamId: team.id, name: team.name, packs: [team.policyPackId] };
  }
  const person = db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.email, target.email), eq(users.active, true)))
    .get();
  if (!person) return fieldFailure({ email: ['No active person has that e-mail address.'] });
  const packs = db
    .selectDistinct({ pack: teams.policyPackId })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, person.id), isNull(teamMembers.leftAt)))
    .all()
    .map((row) => row.pack);
  if (packs.length === 0) return fieldFailure({ email: ['That person is in no team, so no policy pack applies to them.'] });
  return { kind: 'person', userId: person.id, name: person.name, packs };
}

/** What a grant returns. */
export type GrantResult = ActionResult<{ exceptionId: number }>;

/**
 * Grants a time-bound waiver of one rule for one person or one team, with an audit entry, in one
 * transaction. Refuses, writing nothing: an unknown or deactivated person (or one in no team); an unknown
 * team; a rule id not in the pack of the person's teams or of the team; and a grant overlapping an
 * unrevoked exception of the same rule for the same person or team.
 * `input` has passed `grantExceptionSchema`; `actor` has been authorised for 'manage:exceptions'.
 */
export function applyExceptionGrant(
  db: AppDatabase,
  actor: Actor,
  input: GrantExceptionInput,
  { now = new Date() }: CommandOptions = {},
): GrantResult {
  const target = resolveTarget(db, input.target);
  if ('ok' in target) return target;
  const allowed = target.packs.some((pack) => getPack(pack).rules.some((rule) => rule.id === input.ruleId));
  if (!allowed) {
    return fieldFailure({ ruleId: [`${input.ruleId} is not a rule of the ${target.packs.join(' or ')} pack.`] });
  }
  const subject = target.kind === 'person' ? eq(exceptions.userId, target.userId) : eq(exceptions.teamId, target.teamId);

  return db.transaction(
    (tx): GrantResult => {
      const overlapping = tx
        .select({ id: exceptions.id, expiresAt: exceptions.expiresAt })
        .from(exceptions)
        .where(
          and(
            subject,
            eq(exceptions.ruleId, input.ruleId),
            isNull(exceptions.revokedAt),
            lt(exceptions.startsAt, input.expiresAt),
            gt(exceptions.expiresAt, input.startsAt),
          ),
        )
        .get();
      if (overlapping) {
        return fieldFailure({
          ruleId: [`${input.ruleId} is already waived for ${target.name} until ${dayKey(overlapping.expiresAt)}: revoke that exception first.`],
        });
      }
      const row = tx
        .insert(exceptions)
        .values({
          ruleId: input.ruleId,
          userId: target.kind === 'person' ? target.userId : null,
          teamId: target.kind === 'team' ? target.teamId : null,
          reason: input.reason,
          approvedBy: actor.id,
          startsAt: input.startsAt,
          expiresAt: input.expiresAt,
          createdAt: now,
        })
        .returning({ id: exceptions.id })
        .get();
      appendAuditEntry(tx, {
        actorId: actor.id,
        action: 'exception.grant',
        targetType: 'exception',
        targetId: row.id,
        at: now,
        summary: {
          ruleId: input.ruleId,
          ruleTitle: findRule(input.ruleId, target.packs[0])?.title ?? null,
          covers: target.kind === 'person' ? sealIdentifyingFields(tx, target.userId, { userId: target.userId, name: target.name }) : { teamId: target.teamId, name: target.name },
          reason: input.reason,
          startsAt: dayKey(input.startsAt),
          expiresAt: dayKey(input.expiresAt),
        },
      });
      return { ok: true, exceptionId: row.id };
    },
    { behavior: 'immediate' },
  );
}

/** What a revocation returns. */
export type RevokeResult = ActionResult<{ exceptionId: number; revokedAt: Date }>;

/**
 * Revokes an exception from `now` on (it stops waiving its rule at once; scores before `now` keep it),
 * with an audit entry, in one transaction. Refuses an unknown exception and one already revoked or expired.
 * `actor` has been authorised for 'manage:exceptions'.
 */
export function applyExceptionRevocation(
  db: AppDatabase,
  actor: Actor,
  { exceptionId }: RevokeExceptionInput,
  { now = new Date() }: CommandOptions = {},
): RevokeResult {
  return db.transaction(
    (tx): RevokeResult => {
      const exception = findException(tx, { exceptionId });
      if (!exception) return { ok: false, error: 'That exception does not exist.' };
      const status = exceptionStatus(exception, now);
      if (status === 'revoked') return { ok: false, error: 'That exception has already been revoked.' };
      if (status === 'expired') return { ok: false, error: 'That exception has already expired: there is nothing to revoke.' };
      tx.update(exceptions).set({ revokedAt: now }).where(and(eq(exceptions.id, exceptionId), isNull(exceptions.revokedAt))).run();
      appendAuditEntry(tx, {
        actorId: actor.id,
        action: 'exception.revoke',
        targetType: 'exception',
        targetId: exceptionId,
        at: now,
        summary: {
          ruleId: exception.ruleId,
          covers: exception.userId !== null ? { userId: exception.userId } : { teamId: exception.teamId },
          before: { status, expiresAt: dayKey(exception.expiresAt) },
          after: { status: 'revoked', revokedAt: now.toISOString() },
        },
      });
      return { ok: true, exceptionId, revokedAt: now };
    },
    { behavior: 'immediate' },
  );
}
