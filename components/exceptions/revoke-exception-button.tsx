'use client';

import type { FormEvent } from 'react';
import { useActionForm } from '@/components/ui/use-action-form';
import { revokeException } from '@/lib/actions/exceptions';

/** Revokes one exception from now on, after a confirmation. Shows the outcome beside the button. */
export function RevokeExceptionButton({ exceptionId, label }: { exceptionId: number; label: string }) {
  const { state, pending, formProps } = useActionForm(revokeException);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!window.confirm(`Revoke ${label}? It stops waiving the rule at once.`)) {
      event.preventDefault();
      return;
    }
    formProps.onSubmit(event);
  };
  return (
    <form {...formProps} onSubmit={onSubmit} className="flex flex-col items-start gap-1">
      <input type="hidden" name="exceptionId" value={exceptionId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Revoke ${label}`}
        className="rounded-md border border-rose-300 bg-white px-2.5 py-1 text-xs font-medium text-rose-800 hover:bg-rose-50 disabled:opacity-60"
      >
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-rose-800">{state.error}</p>
      ) : null}
    </form>
  );
}
