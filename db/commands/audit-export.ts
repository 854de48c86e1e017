import { auditFilterParams, type AuditFilters } from '@/lib/validation/audit';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';

/** Records an export of the audit log: the filters as they were in the URL, how many entries, up to which one. */
export function recordAuditExport(
  db: AppDatabase,
  actor: Actor,
  { filters, rows, upToId }: { filters: AuditFilters; rows: number; upToId: number },
  { now = new Date() }: CommandOptions = {},
): void {
  db.transaction(
    (tx) =>
      appendAuditEntry(tx, {
        actorId: actor.id, action: 'audit.export', targetType: 'audit_log', targetId: null, at: now,
        summary: { filters: Object.fromEntries(auditFilterParams(filters)), rows, upToId, format: 'csv' },
      }),
    { behavior: 'immediate' },
  );
}
