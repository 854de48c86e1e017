'use client';

import { Field, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { grantException } from '@/lib/actions/exceptions';
import { firstError } from '@/lib/validation/action-result';
import { EXCEPTION_REASON_MAX_LENGTH } from '@/lib/validation/exceptions';

/** Rules offered in the form, grouped by pack. The server refuses a rule outside the chosen person's or team's pack. */
export interface RuleGroup {
  label: string;
  rules: readonly { id: string; title: string }[];
}

/**
 * Grants a time-bound waiver of one rule for one person (by e-mail) or one team. Starts today unless
 * told otherwise; lasts at most a year.
 */
export function GrantExceptionForm({
  teams,
  ruleGroups,
  dates,
}: {
  teams: readonly { id: number; name: string; pack: string }[];
  ruleGroups: readonly RuleGroup[];
  /** 'YYYY-MM-DD': today, and the latest expiry allowed for an exception starting today. */
  dates: { today: string; latestExpiry: string };
}) {
  const { state, pending, formProps } = useActionForm(grantException);
  const error = (field: string) => firstError(state, field);

  return (
    <form {...formProps} className="space-y-4" noValidate aria-label="Grant an exception">
      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Waive the rule for</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
              <input type="radio" name="waiveFor" value="person" defaultChecked /> One person
            </label>
            <Field id="grant-email" label="Their work e-mail" error={error('email')} className="mt-2">
              {(a) => <input {...a} type="email" name="email" autoComplete="off" className={INPUT_CLASS} />}
            </Field>
          </div>
          <div>
            <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
              <input type="radio" name="waiveFor" value="team" /> A whole team
            </label>
            <Field id="grant-team" label="Team" error={error('teamId')} className="mt-2">
              {(a) => (
                <select {...a} name="teamId" defaultValue="" className={INPUT_CLASS}>
                  <option value="">Choose a team…</option>
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>{team.name} ({team.pack})</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="grant-rule" label="Rule" hint="It must be in the person’s or the team’s pack." error={error('ruleId')} className="sm:col-span-3">
          {(a) => (
            <select {...a} name="ruleId" defaultValue="" className={INPUT_CLASS}>
              <option value="">Choose a rule…</option>
              {ruleGroups.map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.rules.map((rule) => (
                    <option key={rule.id} value={rule.id}>{rule.id} — {rule.title}</option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field id="grant-starts" label="Starts on" hint="Empty: today. Never in the past." error={error('startsAt')}>
          {(a) => <input {...a} type="date" name="startsAt" min={dates.today} defaultValue={dates.today} className={INPUT_CLASS} />}
        </Field>
        <Field id="grant-expires" label="Expires on" hint="The waiver ends as this day starts (UTC). At most a year." error={error('expiresAt')}>
          {(a) => <input {...a} type="date" name="expiresAt" min={dates.today} max={dates.latestExpiry} required className={INPUT_CLASS} />}
        </Field>
      </div>
      <Field id="grant-reason" label="Reason" hint={`Why the rule is waived and what mitigates it. Up to ${EXCEPTION_REASON_MAX_LENGTH} characters.`} error={error('reason')}>
        {(a) => <textarea {...a} name="reason" required rows={3} maxLength={EXCEPTION_REASON_MAX_LENGTH} className={INPUT_CLASS} />}
      </Field>
      <FormAlert state={state} />
      <SubmitButton pending={pending} pendingLabel="Granting…">Grant exception</SubmitButton>
    </form>
  );
}
