import type { ReportScope } from '@/lib/reports';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';

/** What was exported: one quarterly report, or the ZIP of every team's reports for several quarters. */
export type ReportExport =
  | { kind: 'report'; scope: ReportScope; scopeLabel: string; quarter: string; asOf: Date; fileName: string; bytes: number }
  | { kind: 'archive'; quarters: readonly string[]; teams: number; files: number; fileName: string; bytes: number };

/**
 * Records an export in the audit log (its own transaction: an export changes nothing else). Called once the
 * file is built and before it is sent, so that every download that leaves the server is on record.
 */
export function recordReportExport(db: AppDatabase, actor: Actor, exported: ReportExport, { now = new Date() }: CommandOptions = {}): void {
  db.transaction(
    (tx) => {
      if (exported.kind === 'report') {
        const { scope, quarter } = exported;
        appendAuditEntry(tx, {
          actorId: actor.id,
          action: 'report.export',
          targetType: 'quarterly_report',
          targetId: `${scope.kind === 'team' ? `team:${scope.teamId}` : scope.kind === 'sector' ? `sector:${scope.sector}` : 'organisation'}/${quarter}`,
          at: now,
          summary: { scope, scopeLabel: exported.scopeLabel, quarter, asOf: exported.asOf.toISOString(), fileName: exported.fileName, bytes: exported.bytes },
        });
        return;
      }
      appendAuditEntry(tx, {
        actorId: actor.id,
        action: 'report.export-archive',
        targetType: 'quarterly_report_archive',
        targetId: exported.fileName,
        at: now,
        summary: { quarters: exported.quarters, teams: exported.teams, files: exported.files, fileName: exported.fileName, bytes: exported.bytes },
      });
    },
    { behavior: 'immediate' },
  );
}
