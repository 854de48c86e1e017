import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { Cell, DataTable } from '@/components/ui/table';
import type { FailedRule } from '@/db/queries/dashboard';
import { capitalise } from '@/lib/format';
import type { Severity } from '@/lib/policy/constants';

const SEVERITY_TONE: Record<Severity, Tone> = { critical: 'bad', high: 'bad', medium: 'warn', low: 'neutral' };

/** The most failed rules, with their title, severity, citation and how many people and teams fail them. */
export function TopRules({ rules, showTeams = true }: { rules: readonly FailedRule[]; showTeams?: boolean }) {
  if (rules.length === 0) return <EmptyState title="No findings in the teams shown">No rule is failed today. Widen the filters to compare with other teams.</EmptyState>;
  return (
    <DataTable caption="Most failed rules" headers={['Rule', 'Severity', 'People failing', ...(showTeams ? ['Teams'] : []), 'Citation']}>
      {rules.map((rule) => (
        <tr key={rule.ruleId}>
          <Cell className="min-w-48">
            <span className="font-medium">
              {rule.ruleId} · {rule.title}
            </span>
          </Cell>
          <Cell>{rule.severity ? <Badge tone={SEVERITY_TONE[rule.severity]}>{capitalise(rule.severity)}</Badge> : '—'}</Cell>
          <Cell className="tabular-nums">{rule.fails}</Cell>
          {showTeams ? <Cell className="tabular-nums">{rule.teams}</Cell> : null}
          <Cell className="min-w-64 text-xs text-slate-700">{rule.citation || '—'}</Cell>
        </tr>
      ))}
    </DataTable>
  );
}
