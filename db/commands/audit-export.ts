import { auditFilterParams, type AuditFilters } from '@/lib/validation/audit';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';
import { recordExport } from './exports';

/** Records an export of the audit log: the filters as they were in the URL, how many entries, up to which one. */
export function recordAuditExport(
  db: AppDatabase,
  actor: Actor,
  { filters, rows, upToId }: { filters: AuditFilters; rows: number; upToId: number },
  options: CommandOptions = {},
): void {
  recordExport(
    db,
    actor,
    { action: 'audit.export', targetType: 'audit_log', targetId: null, summary: { filters: Object.fromEntries(auditFilterParams(filters)), rows, upToId, format: 'csv' } },
    options,
  );
}
