import { Badge } from '@/components/ui/badge';
import type { AuditChainCheck } from '@/db/audit';
import { formatIdRange, summariseAuditFindings, type AuditFindingKind } from '@/lib/audit/chain';

const KIND_LABELS: Record<AuditFindingKind, string> = { edited: 'Edited', inserted: 'Inserted', deleted: 'Deleted', 'tail-deleted': 'Deleted from the end' };

/** What went wrong, entry by entry: each finding's ids, kind and explanation, and how many more the command lists. */
function ChainFindings({ check }: { check: AuditChainCheck }) {
  const hidden = check.findingCount - check.findings.length;
  return (
    <div className="w-full">
      <p className="text-rose-800">
        {summariseAuditFindings(check)} in {check.entries.toLocaleString('en-GB')} entries checked. Run <code>npm run audit:verify</code> on the server for the full list, and investigate.
      </p>
      {check.checkpoint.status === 'unreadable' ? <p className="mt-1 text-rose-800">The chain-head checkpoint could not be compared: {check.checkpoint.error}</p> : null}
      {check.findings.length > 0 ? (
        <ul aria-label="Chain problems" className="mt-2 divide-y divide-rose-100 rounded-md border border-rose-200 bg-rose-50/50">
          {check.findings.map((finding, index) => (
            <li key={`${index}-${finding.kind}-${finding.id}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
              <span className="font-mono font-medium text-slate-900">{formatIdRange(finding.id, finding.toId)}</span>
              <Badge tone="bad">{KIND_LABELS[finding.kind]}</Badge>
              <span className="text-slate-700">{finding.explanation}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {hidden > 0 ? <p className="mt-1 text-slate-600">and {hidden.toLocaleString('en-GB')} more not shown here.</p> : null}
    </div>
  );
}

/**
 * The hash chain's state: verified, or every problem found (classified as edited, inserted, deleted or deleted from
 * the end), or a button to verify it now when the log is too long to check on every page view, or the command to run
 * when it is too long to check while serving pages.
 */
export function ChainStatus({ check, verifyHref, latestId, tooLong }: { check: AuditChainCheck | null; verifyHref: string; latestId: number; tooLong: boolean }) {
  return (
    <section aria-label="Chain status" className="mb-6 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm" data-testid="chain-status">
      {check?.ok ? (
        <>
          <Badge tone="good">Chain verified: {check.entries.toLocaleString('en-GB')} entries</Badge>
          <span className="text-slate-600">Every entry’s hash chains to the one before: nothing was edited, inserted or deleted.</span>
        </>
      ) : check ? (
        <>
          <Badge tone="bad">Chain broken: {check.findingCount.toLocaleString('en-GB')} {check.findingCount === 1 ? 'problem' : 'problems'}</Badge>
          <ChainFindings check={check} />
        </>
      ) : tooLong ? (
        <span className="text-slate-700">
          About {latestId.toLocaleString('en-GB')} entries: too many to verify while serving pages. Run <code>npm run audit:verify</code> on the server.
        </span>
      ) : (
        <>
          <span className="text-slate-700">About {latestId.toLocaleString('en-GB')} entries. The chain is not verified on every view of a log this long.</span>
          <a href={verifyHref} className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-indigo-800 hover:bg-slate-50">
            Verify the chain now
          </a>
        </>
      )}
    </section>
  );
}
