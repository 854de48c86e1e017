import 'server-only';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { recordReportExport } from '@/db/commands/reports';
import type { AppDatabase } from '@/db/connection';
import { fiscalYearStartMonth, loadQuarterlyReport, reportQuarters, teamsOfScope } from '@/db/queries/report';
import type { SessionUser } from '@/db/queries/users';
import { ensureScoresCurrent } from '@/db/snapshot-refresh';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { parseQuarterLabel, QUARTER_LABEL_PATTERN, renderReportPdf, reportFileName, type ReportScope } from '@/lib/reports';
import { quarterOf, type Period } from '@/lib/time';
import { HttpError } from './route';

/** How many quarters the team archive holds: the current one and the three before it. */
export const ARCHIVE_QUARTERS = 4;

const quarterSchema = z.string().regex(QUARTER_LABEL_PATTERN, 'quarter must look like 2026-Q3 (fiscal year, then Q1 to Q4)');

/**
 * The quarter asked for in `?quarter=` (the current one when absent). 400 for a malformed label, a quarter
 * not yet begun, or one before the first figures: the message names what is allowed.
 */
export function requestedQuarter(db: AppDatabase, request: Request, now: Date): Period {
  const raw = new URL(request.url).searchParams.get('quarter');
  const fiscal = fiscalYearStartMonth(db);
  if (raw === null || raw === '') return quarterOf(now, fiscal);
  const label = quarterSchema.parse(raw);
  const allowed = reportQuarters(db, { now });
  const quarter = allowed.find((q) => q.label === label);
  if (!quarter) {
    const newest = allowed[0]!.label;
    const oldest = allowed[allowed.length - 1]!.label;
    throw new HttpError(400, `There is no report for ${parseQuarterLabel(label, fiscal)?.label ?? label}: choose a quarter from ${oldest} to ${newest}.`);
  }
  return quarter;
}

const generatedBy = (user: SessionUser) => `${user.name} (${ROLE_LABELS[user.role]})`;

function download(body: Uint8Array, contentType: string, fileName: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${fileName}"`,
      'content-length': String(body.byteLength),
      'cache-control': 'no-store',
    },
  });
}

/**
 * The PDF of `scope` for `quarter`, recorded in the audit log before it is sent. The caller has checked the
 * capability and the scope; a team that does not exist is 404 and nothing is generated or recorded.
 */
export async function quarterlyReportResponse(db: AppDatabase, user: SessionUser, scope: ReportScope, quarter: Period, now: Date): Promise<Response> {
  if (!teamsOfScope(db, scope)) throw new HttpError(404, 'Not found.');
  await ensureScoresCurrent(now);
  const report = loadQuarterlyReport(db, { scope, quarter, now, generatedBy: generatedBy(user) });
  if (!report) throw new HttpError(404, 'Not found.');
  const pdf = await renderReportPdf(report);
  const fileName = reportFileName(report.scopeSlug, quarter.label);
  recordReportExport(db, user, { kind: 'report', scope, scopeLabel: report.scopeLabel, quarter: quarter.label, asOf: report.asOf, fileName, bytes: pdf.byteLength }, { now });
  return download(pdf, 'application/pdf', fileName);
}

/**
 * One ZIP of every team's report for the current quarter and the three before it (those with figures),
 * named as the single downloads are, and recorded in the audit log as one export. Reports are built one team
 * at a time, so memory stays that of one team's report however large the organisation, and the server turns
 * to other requests between them.
 */
export async function teamArchiveResponse(db: AppDatabase, user: SessionUser, now: Date): Promise<Response> {
  await ensureScoresCurrent(now);
  const quarters = reportQuarters(db, { now }).slice(0, ARCHIVE_QUARTERS).reverse();
  const teams = teamsOfScope(db, { kind: 'organisation' })!;
  const files: Record<string, Uint8Array> = {};
  for (const quarter of quarters) {
    for (const team of teams) {
      const report = loadQuarterlyReport(db, { scope: { kind: 'team', teamId: team.id }, quarter, now, generatedBy: generatedBy(user) })!;
      // Distinct names can share a slug ('Rates & Swaps', 'Rates Swaps'): the team id tells such files apart.
      const name = reportFileName(report.scopeSlug, quarter.label);
      files[name in files ? reportFileName(`${report.scopeSlug}-team-${team.id}`, quarter.label) : name] = await renderReportPdf(report);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  // PDFs are compressed already: stored, not deflated again.
  const zip = zipSync(files, { level: 0, mtime: now });
  const fileName = `onchannel-team-reports-${quarters[0]!.label}-to-${quarters[quarters.length - 1]!.label}.zip`;
  recordReportExport(
    db,
    user,
    { kind: 'archive', quarters: quarters.map((q) => q.label), teams: teams.length, files: Object.keys(files).length, fileName, bytes: zip.byteLength },
    { now },
  );
  return download(zip, 'application/zip', fileName);
}
