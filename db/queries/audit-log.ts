import { and, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { auditRangeEnd, type AuditFilters } from '@/lib/validation/audit';
import { verifyAuditChain, type AuditChainCheck } from '../audit';
import type { AppDatabase } from '../connection';
import { openPersonalData } from '../personal-keys';
import { auditLog, users } from '../schema';

/** Entries per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** One audit entry as the log page and its export show it. */
export interface AuditRow {
  id: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: unknown;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause for `filters`, bounded by entry id: below `beforeId` (the keyset cursor: entries older than the
 * last one shown) and up to `upToId` (inclusive: a snapshot of the log, so that an export is consistent).
 */
function conditions(filters: AuditFilters, { beforeId, upToId }: { beforeId?: number | null; upToId?: number | null }): SQL | undefined {
  const end = auditRangeEnd(filters);
  return and(
    filters.actor ? inArray(auditLog.actorId, sql`(SELECT ${users.id} FROM ${users} WHERE ${users.email} LIKE ${`%${escapeLike(filters.actor)}%`} ESCAPE '\\')`) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.target ? eq(auditLog.targetType, filters.target.type) : undefined,
    filters.target?.id ? eq(auditLog.targetId, filters.target.id) : undefined,
    filters.from ? gte(auditLog.at, filters.from) : undefined,
    end ? lt(auditLog.at, end) : undefined,
    beforeId ? lt(auditLog.id, beforeId) : undefined,
    upToId !== null && upToId !== undefined ? lte(auditLog.id, upToId) : undefined,
  );
}

/**
 * Up to `limit` entries matching `filters`, newest (highest id: the chain's order) first, older than `beforeId`
 * when given. `nextBeforeId` is the cursor of the following page, null on the last. Keyset pagination: every page
 * costs the same however deep, and each filter is served by an index (actor, action, target, at).
 */
export function listAuditEntries(
  db: AppDatabase,
  { filters, beforeId = null, upToId = null, limit = AUDIT_PAGE_SIZE }: { filters: AuditFilters; beforeId?: number | null; upToId?: number | null; limit?: number },
): { rows: AuditRow[]; nextBeforeId: number | null } {
  // The page's ids first, then their rows: when an index serves the filters, sorting by id reads only that
  // index, never the entries' summaries (5 to 10 times faster on a million entries filtered by target or date).
  const pageIds = db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(conditions(filters, { beforeId, upToId }))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorEmail: users.email,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      summary: auditLog.summary,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(inArray(auditLog.id, pageIds))
    .orderBy(desc(auditLog.id))
    .all();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: openPersonalData(db, page), nextBeforeId: more ? page[page.length - 1]!.id : null };
}

/** How many entries match `filters` up to entry `upToId`. */
export function countAuditEntries(db: AppDatabase, { filters, upToId = null }: { filters: AuditFilters; upToId?: number | null }): number {
  return db.select({ n: sql<number>`count(*)` }).from(auditLog).where(conditions(filters, { upToId })).get()?.n ?? 0;
}

/** The newest entry's id (0 for an empty log): a snapshot bound for exports. */
export function latestAuditId(db: AppDatabase): number {
  return db.select({ id: sql<number | null>`max(${auditLog.id})` }).from(auditLog).get()?.id ?? 0;
}

/**
 * Every distinct action in the log, sorted. Walks the action index one distinct value at a time (a "skip scan"
 * written as a recursive query), so the cost grows with the number of actions, not of entries.
 */
export function listAuditActions(db: AppDatabase): string[] {
  return db.$client
    .prepare<[], { action: string }>(
      `WITH RECURSIVE actions(action) AS (
         SELECT min(action) FROM audit_log
         UNION ALL
         SELECT (SELECT min(action) FROM audit_log WHERE action > actions.action) FROM actions WHERE actions.action IS NOT NULL
       )
       SELECT action FROM actions WHERE action IS NOT NULL`,
    )
    .all()
    .map((row) => row.action);
}

/** Logs up to this many entries are verified on every view of the audit page (about 25 µs an entry). */
export const AUTO_VERIFY_MAX_ENTRIES = 5_000;
/** Up to this many, on request; beyond, verification would hold the server for seconds: `npm run audit:verify` does it. */
export const ON_DEMAND_VERIFY_MAX_ENTRIES = 50_000;

/** Findings the audit page lists (all are counted): beyond these, `npm run audit:verify` prints every one. */
export const CHAIN_FINDINGS_SHOWN = 20;

/**
 * The chain check the audit page shows, with its classified findings and the checkpoint beside the database file:
 * run when the log is short, or when `requested` and not too long; otherwise null, with `tooLong` saying whether a
 * request could run it.
 */
export function auditChainStatus(db: AppDatabase, { requested }: { requested: boolean }): { check: AuditChainCheck | null; latestId: number; tooLong: boolean } {
  const latestId = latestAuditId(db);
  const tooLong = latestId > ON_DEMAND_VERIFY_MAX_ENTRIES;
  const run = latestId <= AUTO_VERIFY_MAX_ENTRIES || (requested && !tooLong);
  return { check: run ? verifyAuditChain(db, { maxFindings: CHAIN_FINDINGS_SHOWN }) : null, latestId, tooLong };
}
