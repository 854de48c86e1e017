'use client';

import { Field, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { changePolicyParameters } from '@/lib/actions/policy';
import type { PolicyParameters, PolicyParametersOverride, Severity } from '@/lib/policy';
import type { FormState } from '@/lib/validation/action-result';
import { POLICY_NOTE_MAX_LENGTH } from '@/lib/validation/policy';
import { ChannelsSection, FlagsSection, RulesSection, TimingSection, WeightsSection, type SectionProps } from './policy-form-sections';

function errorLookup(state: FormState) {
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (field: string): string | undefined => {
    if (!field.endsWith('*')) return errors[field]?.[0];
    const prefix = field.slice(0, -1);
    return Object.entries(errors).find(([key]) => key === prefix || key.startsWith(`${prefix}.`))?.[1][0];
  };
}

/**
 * Changes one scope's parameters (the organisation, or a team when `teamId` is set). Starts from the
 * scope's override in force today; an empty field inherits the value shown. Every change is a new version
 * with its effective date and note.
 */
export function PolicyParametersForm({
  teamId,
  scopeLabel,
  current,
  inherited,
  inheritLabel,
  rules,
  dates,
}: {
  teamId: number | null;
  scopeLabel: string;
  current: PolicyParametersOverride;
  /** What applies where a field is left empty: the defaults for the organisation, the organisation's for a team. */
  inherited: PolicyParameters;
  inheritLabel: string;
  rules: readonly { id: string; title: string; severity: Severity }[];
  /** 'YYYY-MM-DD': today (the default), and the earliest and latest effective dates allowed. */
  dates: { today: string; earliest: string; latest: string };
}) {
  const { state, pending, formProps } = useActionForm(changePolicyParameters);
  const idPrefix = teamId === null ? 'org' : `team-${teamId}`;
  const error = errorLookup(state);
  const section: SectionProps = { idPrefix, current, inherited, error };

  return (
    <form {...formProps} className="space-y-4" noValidate aria-label={`Change the parameters of ${scopeLabel}`}>
      <input type="hidden" name="teamId" value={teamId ?? ''} />
      <p className="text-sm text-slate-600">
        Leave a field empty to inherit the value in brackets. Saving records a new version: earlier versions are kept.
      </p>
      <ChannelsSection {...section} inheritLabel={inheritLabel} />
      <TimingSection {...section} />
      <WeightsSection {...section} />
      <RulesSection {...section} rules={rules} />
      <FlagsSection {...section} />
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <Field id={`${idPrefix}-effectiveFrom`} label="Takes effect on" hint="UTC day; may be in the future." error={error('effectiveFrom')}>
          {(a) => <input {...a} type="date" name="effectiveFrom" defaultValue={dates.today} min={dates.earliest} max={dates.latest} className={INPUT_CLASS} />}
        </Field>
        <Field id={`${idPrefix}-note`} label="Why this change" hint={`Kept with the change. Up to ${POLICY_NOTE_MAX_LENGTH} characters.`} error={error('note')}>
          {(a) => <textarea {...a} name="note" required maxLength={POLICY_NOTE_MAX_LENGTH} rows={2} className={INPUT_CLASS} />}
        </Field>
      </div>
      <FormAlert state={state} />
      <SubmitButton pending={pending}>Save a new version</SubmitButton>
    </form>
  );
}
