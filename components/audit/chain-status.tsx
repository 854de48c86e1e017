import { Badge } from '@/components/ui/badge';
import type { AuditChainCheck } from '@/db/audit';

/**
 * The hash chain's state: verified (or where it breaks), or a button to verify it now when the log is too
 * long to check on every page view, or the command to run when it is too long to check while serving pages.
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
          <Badge tone="bad">Chain broken at entry #{check.brokenAtId}</Badge>
          <span className="text-rose-800">That entry, or the one before it, was edited, inserted or deleted ({check.entries.toLocaleString('en-GB')} entries checked). Run <code>npm run audit:verify</code> and investigate.</span>
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
