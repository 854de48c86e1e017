import { Badge, type Tone } from '@/components/ui/badge';
import { Cell, DataTable } from '@/components/ui/table';
import { capitalise } from '@/lib/format';
import type { PolicyPack, Question, Severity } from '@/lib/policy';

/** Tone of each severity: words first, colour repeats them. */
export const SEVERITY_TONES: Readonly<Record<Severity, Tone>> = { critical: 'bad', high: 'warn', medium: 'info', low: 'neutral' };

function answerType(question: Question): string {
  switch (question.type) {
    case 'yes_no':
      return `Yes / no (compliant: ${question.compliantAnswer ? 'yes' : 'no'})`;
    case 'choice':
      return `One of: ${question.options.map((o) => o.label).join('; ')}`;
    case 'multi_choice':
      return `Any of: ${question.options.map((o) => o.label).join('; ')}`;
    case 'number':
      return `Number ${question.min}–${question.max}${question.unit ? ` ${question.unit}` : ''}`;
    case 'text':
      return `Text, up to ${question.maxLength} characters${question.optional ? ' (optional)' : ''}`;
  }
}

/** One policy pack, collapsed: its rules (why, citation, when it applies, how to fix) and its questions. */
export function PackDetails({ pack }: { pack: PolicyPack }) {
  return (
    <details className="group rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="cursor-pointer list-none px-5 py-4 [&::-webkit-details-marker]:hidden">
        <span className="font-semibold text-slate-900">{pack.title}</span>{' '}
        <span className="text-sm text-slate-600">
          · {capitalise(pack.id)} pack, version {pack.version} · {pack.rules.length} rules · {pack.questions.length} questions
        </span>
        <span aria-hidden="true" className="float-right text-slate-500 group-open:rotate-90">
          ›
        </span>
      </summary>
      <div className="space-y-6 border-t border-slate-200 px-5 py-4">
        <section aria-label={`${pack.title}: rules`}>
          <h3 className="mb-3 text-sm font-semibold tracking-wide text-slate-700 uppercase">Rules</h3>
          <ol className="space-y-4">
            {pack.rules.map((rule) => (
              <li key={rule.id} className="rounded-md border border-slate-200 p-4">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-sm font-semibold text-slate-700">{rule.id}</span>
                  <h4 className="font-medium text-slate-900">{rule.title}</h4>
                  <Badge tone={SEVERITY_TONES[rule.severity]}>{capitalise(rule.severity)}</Badge>
                </div>
                <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
                  <dt className="text-slate-600">Why</dt>
                  <dd>{rule.why}</dd>
                  <dt className="text-slate-600">Citation</dt>
                  <dd className="text-slate-800">{rule.citation}</dd>
                  <dt className="text-slate-600">Applies when</dt>
                  <dd>{rule.appliesWhen}</dd>
                  <dt className="text-slate-600">Remediation</dt>
                  <dd>
                    <ol className="list-decimal space-y-0.5 pl-5">
                      {rule.remediation.map((step) => (
                        <li key={step}>{step}</li>
                      ))}
                    </ol>
                  </dd>
                </dl>
              </li>
            ))}
          </ol>
        </section>
        <section aria-label={`${pack.title}: questions`}>
          <h3 className="mb-3 text-sm font-semibold tracking-wide text-slate-700 uppercase">Attestation questions</h3>
          <DataTable caption={`${pack.title}: attestation questions`} headers={['Question', 'Answer', 'Rules served']}>
            {pack.questions.map((question) => (
              <tr key={question.id}>
                <Cell>
                  <div className="font-medium text-slate-900">{question.text}</div>
                  <div className="mt-0.5 text-xs text-slate-600">{question.help}</div>
                  {question.supervisorsOnly ? <div className="mt-1"><Badge tone="info">Supervisors only</Badge></div> : null}
                </Cell>
                <Cell className="min-w-48">{answerType(question)}</Cell>
                <Cell className="font-mono whitespace-nowrap">{question.ruleIds.join(', ')}</Cell>
              </tr>
            ))}
          </DataTable>
        </section>
      </div>
    </details>
  );
}
