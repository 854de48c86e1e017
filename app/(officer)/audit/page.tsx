import type { Metadata } from 'next';
import { AuditFiltersForm } from '@/components/audit/audit-filters';
import { AuditTable } from '@/components/audit/audit-table';
import { ChainStatus } from '@/components/audit/chain-status';
import { CsvLink } from '@/components/dashboard/csv-link';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { auditChainStatus, listAuditActions, listAuditEntries } from '@/db/queries/audit-log';
import { requireCapability } from '@/lib/auth/guards';
import { auditFilterInputs, auditFilterParams, parseAuditFilters } from '@/lib/validation/audit';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Record<string, string | string[] | undefined>;

const withParams = (path: string, params: URLSearchParams) => (params.size > 0 ? `${path}?${params}` : path);

/** The entry id the page starts below (the keyset cursor), or null for the newest. */
function cursorOf(params: SearchParams): number | null {
  const value = Number(Array.isArray(params.before) ? params.before[0] : params.before);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireCapability('view:audit');
  const params = await searchParams;
  const parsed = parseAuditFilters(params);
  const beforeId = cursorOf(params);
  const query = parsed.ok ? auditFilterParams(parsed.filters) : new URLSearchParams();
  const page = parsed.ok ? listAuditEntries(db, { filters: parsed.filters, beforeId }) : null;
  const chain = auditChainStatus(db, { requested: params.verify === '1' });
  const verifyParams = new URLSearchParams(query);
  if (beforeId) verifyParams.set('before', String(beforeId));
  verifyParams.set('verify', '1');
  const older = page?.nextBeforeId ? new URLSearchParams([...query, ['before', String(page.nextBeforeId)]]) : null;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every export: who, what, when and a before/after summary. Append-only and hash-chained, so an edited, inserted or deleted entry shows."
        actions={parsed.ok ? <CsvLink href={withParams('/api/audit/export', query)} label="these entries" /> : undefined}
      />
      <ChainStatus check={chain.check} verifyHref={withParams('/audit', verifyParams)} latestId={chain.latestId} tooLong={chain.tooLong} />
      <AuditFiltersForm action="/audit" values={auditFilterInputs(params)} errors={parsed.ok ? {} : parsed.errors} actions={listAuditActions(db)} />
      {!page ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          Some filters need correcting (see above); no entries are shown until they do.
        </p>
      ) : page.rows.length === 0 ? (
        <Card>
          <EmptyState title="No entries match">Widen the filters, or reset them to see the whole log.</EmptyState>
        </Card>
      ) : (
        <>
          <AuditTable rows={page.rows} />
          <nav aria-label="Audit log pages" className="mt-4 flex items-center justify-between text-sm">
            <span className="text-slate-600">
              {beforeId ? `Entries before #${beforeId}` : 'Newest entries'}, {page.rows.length} shown
            </span>
            <span className="flex gap-4">
              {beforeId ? (
                <a href={withParams('/audit', query)} className="font-medium text-indigo-800 underline-offset-2 hover:underline">
                  ← Newest
                </a>
              ) : null}
              {older ? (
                <a href={withParams('/audit', older)} className="font-medium text-indigo-800 underline-offset-2 hover:underline">
                  Older →
                </a>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </>
  );
}
