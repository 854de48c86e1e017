import { z } from 'zod';
import { db } from '@/db';
import { recordExport } from '@/db/commands/exports';
import { DASHBOARD_TABLES, exportDashboardTable } from '@/db/queries/dashboard-export';
import { ensureScoresCurrent } from '@/db/snapshot-refresh';
import { canViewTeam, teamScope } from '@/lib/auth/roles';
import { csvFileName, toCsv } from '@/lib/csv/write';
import { HttpError, csvResponse, handleErrors, requireRouteCapability } from '@/lib/http/route';
import { dayKey } from '@/lib/time';
import { parseDashboardFilters } from '@/lib/validation/dashboard';

const tableSchema = z.enum(DASHBOARD_TABLES);

/**
 * CSV of one dashboard table with the filters of the page (sector, team, range, series from the query
 * string). Scoped like the pages: a team outside the caller's scope is 404, never an empty file. Audited.
 */
export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ table: string }> }) => {
  const user = await requireRouteCapability('view:team');
  const parsed = tableSchema.safeParse((await params).table);
  if (!parsed.success) throw new HttpError(404, 'Not found.');
  const table = parsed.data;
  const filters = parseDashboardFilters(Object.fromEntries(new URL(request.url).searchParams));
  if (filters.teamId !== null && !canViewTeam(user, filters.teamId)) throw new HttpError(404, 'Not found.');
  if (table === 'members' && filters.teamId === null) throw new HttpError(400, 'Choose a team: ?team=<id>.');
  const asOf = new Date();
  await ensureScoresCurrent(asOf);
  const { headers, rows } = exportDashboardTable(db, { table, scope: teamScope(user), filters, asOf });
  const scopeName = filters.teamId ? `team-${filters.teamId}` : (filters.sector ?? (teamScope(user) === 'all' ? 'organisation' : 'my-teams'));
  const fileName = csvFileName('onchannel', table, scopeName, dayKey(asOf));
  recordExport(db, user, { action: 'dashboard.export', targetType: 'dashboard_table', targetId: `${table}/${scopeName}`, summary: { table, filters, rows: rows.length, fileName } });
  return csvResponse(fileName, toCsv(headers, rows));
});
