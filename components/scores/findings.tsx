import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { findRule } from '@/lib/policy';
import { SEVERITIES, type Sector, type Severity } from '@/lib/policy/constants';
import type { RuleResult } from '@/lib/policy/types';
import { capitalise } from '@/lib/format';

const SEVERITY_TONE: Record<Severity, Tone> = { critical: 'bad', high: 'bad', medium: 'warn', low: 'neutral' };
const bySeverity = (a: RuleResult, b: RuleResult) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);

/**
 * A person's rule results: failures first, worst first, each with the evidence, why the rule exists, its
 * citation and the steps to fix it; then waivers; then, folded away, what passed and what did not apply.
 */
export function Findings({ results, sector }: { results: readonly RuleResult[]; sector: Sector }) {
  const failed = results.filter((r) => r.status === 'fail').sort(bySeverity);
  const waived = results.filter((r) => r.status === 'waived').sort(bySeverity);
  const other = results.filter((r) => r.status === 'pass' || r.status === 'not_applicable');
  return (
    <div className="space-y-4">
      {failed.length === 0 ? (
        <EmptyState title="No findings">Every rule that applies to you passes. Keep your devices and answers up to date.</EmptyState>
      ) : (
        <ol className="space-y-4">
          {failed.map((result) => (
            <Finding key={result.ruleId} result={result} sector={sector} />
          ))}
        </ol>
      )}
      {waived.length > 0 ? (
        <ol className="space-y-4">
          {waived.map((result) => (
            <Finding key={result.ruleId} result={result} sector={sector} />
          ))}
        </ol>
      ) : null}
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">What passed or did not apply ({other.length})</summary>
        <ul className="mt-2 space-y-1 text-sm">
          {other.map((result) => (
            <li key={result.ruleId}>
              <Badge tone={result.status === 'pass' ? 'good' : 'neutral'}>{result.status === 'pass' ? 'Pass' : 'Not applicable'}</Badge>{' '}
              <span className="font-medium">{findRule(result.ruleId, sector)?.title ?? result.ruleId}</span>
              <span className="text-slate-600"> — {result.reason}</span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function Finding({ result, sector }: { result: RuleResult; sector: Sector }) {
  const rule = findRule(result.ruleId, sector);
  return (
    <li className="rounded-md border border-slate-200 p-4">
      <div className="flex flex-wrap items-center gap-2">
        {result.status === 'waived' ? <Badge tone="info">Waived</Badge> : <Badge tone="bad">Finding</Badge>}
        <Badge tone={SEVERITY_TONE[result.severity]}>{capitalise(result.severity)}</Badge>
        <h3 className="font-semibold">
          {result.ruleId} · {rule?.title ?? 'Rule no longer in the pack'}
        </h3>
      </div>
      <p className="mt-2 text-sm text-slate-800">{result.reason}</p>
      {rule ? (
        <>
          <p className="mt-2 text-sm text-slate-600">
            <span className="font-medium text-slate-700">Why: </span>
            {rule.why} <span className="italic">({rule.citation})</span>
          </p>
          {result.status === 'fail' ? (
            <div className="mt-3">
              <p className="text-sm font-medium text-slate-800">How to fix it</p>
              <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm text-slate-800">
                {rule.remediation.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </div>
          ) : null}
        </>
      ) : null}
    </li>
  );
}
