import { Card } from '@/components/ui/card';
import type { PolicySettingHistoryRow } from '@/db/queries/policy';
import { formatDate } from '@/lib/format';
import type { PolicyParameters, PolicyParametersOverride, Severity } from '@/lib/policy';
import { describeOverride } from './describe-parameters';
import { ParametersSummary } from './parameters-summary';
import { PolicyParametersForm } from './policy-parameters-form';
import { SettingsHistory } from './settings-history';

/**
 * One scope's parameters: what is in force today, the scope's own override and its history, and the
 * form (collapsed) that records a new version.
 */
export function ScopeParameters({
  title,
  teamId,
  scopeLabel,
  inForce,
  current,
  inherited,
  inheritLabel,
  history,
  rules,
  dates,
}: {
  title: string;
  teamId: number | null;
  scopeLabel: string;
  inForce: PolicyParameters;
  current: { parameters: PolicyParametersOverride; effectiveFrom: Date; changedByName: string | null } | null;
  inherited: PolicyParameters;
  inheritLabel: string;
  history: readonly PolicySettingHistoryRow[];
  rules: readonly { id: string; title: string; severity: Severity }[];
  dates: { today: string; earliest: string; latest: string };
}) {
  const own = describeOverride(current?.parameters ?? {});
  return (
    <Card title={title} className="mb-8">
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-label={`${title}: in force today`}>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">In force today</h3>
          <ParametersSummary parameters={inForce} />
        </section>
        <section aria-label={`${title}: own settings`}>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Set for {scopeLabel}</h3>
          {current ? (
            <p className="mb-2 text-xs text-slate-600">
              Since {formatDate(current.effectiveFrom)}, by {current.changedByName ?? 'the system'}. Everything else is inherited.
            </p>
          ) : null}
          {own.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing: every parameter is inherited.</p>
          ) : (
            <ul className="list-disc space-y-0.5 pl-5 text-sm">
              {own.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <h3 className="mt-6 mb-2 text-sm font-semibold text-slate-800">History</h3>
      <SettingsHistory rows={history} caption={`${title}: history of changes`} />
      <details className="mt-6 rounded-md border border-slate-200">
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-indigo-800">Change the parameters of {scopeLabel}</summary>
        <div className="border-t border-slate-200 p-4">
          <PolicyParametersForm
            teamId={teamId}
            scopeLabel={scopeLabel}
            current={current?.parameters ?? {}}
            inherited={inherited}
            inheritLabel={inheritLabel}
            rules={rules}
            dates={dates}
          />
        </div>
      </details>
    </Card>
  );
}
