import type { ReportScope } from '@/lib/reports';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';
import { recordExport } from './exports';

/** What was exported: one quarterly report, or the ZIP of every team's reports for several quarters. */
export type ReportExport =
  | { kind: 'report'; scope: ReportScope; scopeLabel: string; quarter: string; asOf: Date; fileName: string; bytes: number }
  | { kind: 'archive'; quarters: readonly string[]; teams: number; files: number; fileName: string; bytes: number };

/** Records a report or archive download in the audit log (see recordExport). */
export function recordReportExport(db: AppDatabase, actor: Actor, exported: ReportExport, options: CommandOptions = {}): void {
  if (exported.kind === 'report') {
    const { scope, quarter } = exported;
    recordExport(
      db,
      actor,
      {
        action: 'report.export',
        targetType: 'quarterly_report',
        targetId: `${scope.kind === 'team' ? `team:${scope.teamId}` : scope.kind === 'sector' ? `sector:${scope.sector}` : 'organisation'}/${quarter}`,
        summary: { scope, scopeLabel: exported.scopeLabel, quarter, asOf: exported.asOf.toISOString(), fileName: exported.fileName, bytes: exported.bytes },
      },
      options,
    );
    return;
  }
  recordExport(
    db,
    actor,
    {
      action: 'report.export-archive',
      targetType: 'quarterly_report_archive',
      targetId: exported.fileName,
      summary: { quarters: exported.quarters, teams: exported.teams, files: exported.files, fileName: exported.fileName, bytes: exported.bytes },
    },
    options,
  );
}
