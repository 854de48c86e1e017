import type { ReactNode } from 'react';
import type { FormState } from '@/lib/validation/action-result';

/** Classes of text inputs and selects, so that every form looks alike. */
export const INPUT_CLASS =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-indigo-600 focus:ring-indigo-600 aria-[invalid=true]:border-rose-600';

/** Attributes that tie an input to its hint and error, for screen readers. */
export function describedBy(id: string, { hint, error }: { hint?: ReactNode; error?: string }) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/**
 * A labelled field: label, the input (given as a render function receiving the accessibility attributes),
 * an optional hint and the field's error.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className = '',
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (attributes: ReturnType<typeof describedBy>) => ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children(describedBy(id, { hint, error }))}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The error under a field, linked by id from the input's aria-describedby. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-xs font-medium text-rose-700">
      {error}
    </p>
  );
}

/** The outcome of the last submission: announced to screen readers, coloured and worded. */
export function FormAlert({ state }: { state: FormState }) {
  if (!state) return null;
  if (state.ok) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {state.message}
      </p>
    );
  }
  // An error summary: every message once, so that none is missed (including those about the form as a whole).
  const messages = [...new Set(Object.values(state.fieldErrors ?? {}).flat())];
  return (
    <div role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
      <p className="font-medium">{state.error}</p>
      {messages.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The primary button of a form; says what is happening while the action runs. */
export function SubmitButton({ pending, children, pendingLabel = 'Saving…' }: { pending: boolean; children: ReactNode; pendingLabel?: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800 disabled:opacity-60"
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
