'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import type { FormState } from '@/lib/validation/action-result';

/**
 * A one-button form for a row action (remove from a team, make a manager, deactivate…): hidden fields, an
 * optional confirmation, and the outcome beside the button. The server action checks everything again.
 */
export function InlineAction({
  action,
  fields,
  label,
  pendingLabel,
  confirm,
  tone = 'neutral',
  ariaLabel,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  fields: Record<string, string | number>;
  label: string;
  pendingLabel: string;
  /** Asked before submitting, when the change is hard to undo. */
  confirm?: string;
  tone?: 'neutral' | 'danger' | 'primary';
  ariaLabel?: string;
}) {
  const { state, pending, formProps } = useActionForm(action);
  const classes = {
    neutral: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
    danger: 'border border-rose-300 bg-white text-rose-800 hover:bg-rose-50',
    primary: 'bg-indigo-700 text-white hover:bg-indigo-800',
  }[tone];
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) {
          event.preventDefault();
          return;
        }
        formProps.onSubmit(event);
      }}
      className="inline-flex flex-wrap items-center gap-2"
      aria-label={ariaLabel ?? label}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className={`rounded-md px-3 py-1 text-xs font-semibold disabled:opacity-60 ${classes}`}>
        {pending ? pendingLabel : label}
      </button>
      {state ? (
        <span role={state.ok ? 'status' : 'alert'} className={`text-xs ${state.ok ? 'text-emerald-800' : 'text-rose-700'}`}>
          {state.ok ? state.message : [state.error, ...Object.values(state.fieldErrors ?? {}).flat()].filter((m, i, all) => all.indexOf(m) === i).join(' ')}
        </span>
      ) : null}
    </form>
  );
}
