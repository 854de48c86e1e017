import { db } from '@/db';
import { recordAuditExport } from '@/db/commands/audit-export';
import { countAuditEntries, latestAuditId, listAuditEntries, type AuditRow } from '@/db/queries/audit-log';
import { auditSummaryText } from '@/lib/audit/summary';
import { csvFileName, toCsvChunks, type CsvCell } from '@/lib/csv/write';
import { HttpError, csvResponse, handleErrors, requireRouteCapability } from '@/lib/http/route';
import { dayKey } from '@/lib/time';
import { parseAuditFilters, type AuditFilters } from '@/lib/validation/audit';

/** Entries read per query while streaming: each read is short, so the connection is never held for long. */
const BATCH_ENTRIES = 2_000;
const HEADERS = ['Entry', 'When (UTC)', 'Actor e-mail', 'Actor', 'Action', 'Target type', 'Target id', 'Changes', 'Summary (JSON)'];

const cells = (row: AuditRow): CsvCell[] => [
  row.id, row.at, row.actorEmail, row.actorId === null ? 'System' : row.actorName, row.action, row.targetType, row.targetId, auditSummaryText(row.summary), JSON.stringify(row.summary),
];

/** The matching entries up to `upToId`, newest first, a batch at a time (keyset pages). */
function* batches(filters: AuditFilters, upToId: number): Generator<CsvCell[][]> {
  let beforeId: number | null = null;
  do {
    const page = listAuditEntries(db, { filters, beforeId, upToId, limit: BATCH_ENTRIES });
    yield page.rows.map(cells);
    beforeId = page.nextBeforeId;
  } while (beforeId !== null);
}

/**
 * CSV of the audit entries matching the page's filters (query string as on /audit). Officers only; the export
 * is itself audited before any entry is sent. It covers the log as it stood when asked (entries up to the newest
 * id then), streamed so that a log of millions of entries never sits in memory whole.
 */
export const GET = handleErrors(async (request: Request) => {
  const user = await requireRouteCapability('view:audit');
  const parsed = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok) throw new HttpError(400, `Some filters are not valid: ${Object.entries(parsed.errors).map(([field, message]) => `${field}: ${message}`).join(' ')}`);
  const { filters } = parsed;
  const now = new Date();
  const upToId = latestAuditId(db);
  recordAuditExport(db, user, { filters, rows: countAuditEntries(db, { filters, upToId }), upToId }, { now });
  const chunks = toCsvChunks(HEADERS, batches(filters, upToId));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return csvResponse(csvFileName('onchannel', 'audit-log', dayKey(now)), body);
});
