import { appendAuditEntry, type AuditEntryInput } from '../audit';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';

/** An export as the audit log names it: the action (e.g. 'dashboard.export'), what was exported, and a summary without the data. */
export type ExportRecord = Pick<AuditEntryInput, 'action' | 'targetType' | 'targetId' | 'summary'>;

/**
 * Records an export in the audit log, in its own transaction (an export changes nothing else). Call it once the
 * file is built and before it is sent, so that every download that leaves the server is on record.
 */
export function recordExport(db: AppDatabase, actor: Actor, record: ExportRecord, { now = new Date() }: CommandOptions = {}): void {
  db.transaction((tx) => appendAuditEntry(tx, { ...record, actorId: actor.id, at: now }), { behavior: 'immediate' });
}
