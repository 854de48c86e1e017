import { and, desc, eq, gt, isNull, lte, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { findRule } from '@/lib/policy';
import type { AppDatabase } from '../connection';
import { exceptions, teams, users } from '../schema';
import type { DatabaseOrTransaction } from '../transaction';

/**
 * Where an exception stands on a day:
 * - 'revoked' once revoked (from the instant of revocation; before it, the exception stood as below),
 * - 'scheduled' before `startsAt`,
 * - 'active' from `startsAt` until `expiresAt` (exclusive): only then does it waive its rule,
 * - 'expired' from `expiresAt` on.
 */
export type ExceptionStatus = 'scheduled' | 'active' | 'expired' | 'revoked';

/** The status of an exception on `asOf`. Pure. */
export function exceptionStatus(
  exception: { startsAt: Date; expiresAt: Date; revokedAt: Date | null },
  asOf: Date,
): ExceptionStatus {
  const t = asOf.getTime();
  if (exception.revokedAt !== null && exception.revokedAt.getTime() <= t) return 'revoked';
  if (t < exception.startsAt.getTime()) return 'scheduled';
  if (t >= exception.expiresAt.getTime()) return 'expired';
  return 'active';
}

/** One exception as the officer's list shows it. */
export interface ExceptionRow {
  id: number;
  ruleId: string;
  /** The rule's title, or null for an id no pack knows any more. */
  ruleTitle: string | null;
  scope: 'person' | 'team';
  userId: number | null;
  personName: string | null;
  personEmail: string | null;
  teamId: number | null;
  teamName: string | null;
  reason: string;
  approvedById: number;
  approvedByName: string;
  startsAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
  status: ExceptionStatus;
}

const approver = alias(users, 'approver');

/** SQL for "in force on `asOf`", the same test as `exceptionStatus(…) === 'active'`. */
function inForceOn(asOf: Date): SQL | undefined {
  return and(
    lte(exceptions.startsAt, asOf),
    gt(exceptions.expiresAt, asOf),
    or(isNull(exceptions.revokedAt), gt(exceptions.revokedAt, asOf)),
  );
}

/** SQL for "not started by `asOf`, and not revoked by then". */
function scheduledOn(asOf: Date): SQL | undefined {
  return and(gt(exceptions.startsAt, asOf), or(isNull(exceptions.revokedAt), gt(exceptions.revokedAt, asOf)));
}

/**
 * Exceptions with the person or team they cover, the rule's title and the approver, newest first, each
 * with its status on `asOf`. `filter` keeps only those 'active' (in force) or 'scheduled' on `asOf`.
 */
export function listExceptions(
  db: AppDatabase,
  { asOf, filter = 'all' }: { asOf: Date; filter?: 'active' | 'scheduled' | 'all' },
): ExceptionRow[] {
  const where = filter === 'active' ? inForceOn(asOf) : filter === 'scheduled' ? scheduledOn(asOf) : undefined;
  const rows = db
    .select({
      id: exceptions.id,
      ruleId: exceptions.ruleId,
      userId: exceptions.userId,
      personName: users.name,
      personEmail: users.email,
      teamId: exceptions.teamId,
      teamName: teams.name,
      reason: exceptions.reason,
      approvedById: exceptions.approvedBy,
      approvedByName: approver.name,
      startsAt: exceptions.startsAt,
      expiresAt: exceptions.expiresAt,
      revokedAt: exceptions.revokedAt,
      createdAt: exceptions.createdAt,
    })
    .from(exceptions)
    .leftJoin(users, eq(users.id, exceptions.userId))
    .leftJoin(teams, eq(teams.id, exceptions.teamId))
    .innerJoin(approver, eq(approver.id, exceptions.approvedBy))
    .where(where)
    .orderBy(desc(exceptions.createdAt), desc(exceptions.id))
    .all();
  return rows.map((row) => ({
    ...row,
    ruleTitle: findRule(row.ruleId)?.title ?? null,
    scope: row.userId !== null ? 'person' : 'team',
    status: exceptionStatus(row, asOf),
  }));
}

/** One exception with the fields a revocation checks, or null. */
export function findException(db: DatabaseOrTransaction, { exceptionId }: { exceptionId: number }) {
  return (
    db
      .select({
        id: exceptions.id,
        ruleId: exceptions.ruleId,
        userId: exceptions.userId,
        teamId: exceptions.teamId,
        startsAt: exceptions.startsAt,
        expiresAt: exceptions.expiresAt,
        revokedAt: exceptions.revokedAt,
      })
      .from(exceptions)
      .where(eq(exceptions.id, exceptionId))
      .get() ?? null
  );
}
