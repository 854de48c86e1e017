'use client';

import { startTransition, useActionState, type FormEvent } from 'react';
import { Field, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { createToken, type CreateTokenState } from '@/lib/actions/api-tokens';
import { firstError } from '@/lib/validation/action-result';
import { TOKEN_LIFETIMES_DAYS, TOKEN_SCOPES } from '@/lib/validation/api-tokens';

const SCOPE_LABELS = { 'devices:read': 'devices:read — list devices', 'devices:write': 'devices:write — create and update devices' } as const;

/** Creates an API token; the token is shown once, right here, and never again. */
export function CreateApiTokenForm() {
  const [state, formAction, pending] = useActionState(createToken, null as CreateTokenState);
  const error = (field: string) => firstError(state && !state.ok ? state : null, field);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" aria-label="Create an API token" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="token-name" label="Name" hint="What uses it, e.g. “Intune nightly sync”." error={error('name')}>
          {(a) => <input {...a} name="name" required maxLength={80} className={INPUT_CLASS} />}
        </Field>
        <fieldset>
          <legend className="block text-sm font-medium text-slate-800">Scopes</legend>
          {TOKEN_SCOPES.map((s) => (
            <label key={s} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={s} defaultChecked={s === 'devices:write'} /> {SCOPE_LABELS[s]}
            </label>
          ))}
          {error('scopes') ? <p className="mt-1 text-xs font-medium text-rose-700">{error('scopes')}</p> : null}
        </fieldset>
        <Field id="token-expiry" label="Expires after" error={error('expiresInDays')}>
          {(a) => (
            <select {...a} name="expiresInDays" defaultValue="90" className={INPUT_CLASS}>
              {TOKEN_LIFETIMES_DAYS.map((d) => <option key={d} value={d}>{d === 0 ? 'Never (not recommended)' : `${d} days`}</option>)}
            </select>
          )}
        </Field>
      </div>
      {state?.ok ? (
        <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p className="font-medium">{state.message}</p>
          <label htmlFor="new-token" className="mt-2 block text-xs">The token</label>
          <input id="new-token" readOnly value={state.token} className={`${INPUT_CLASS} font-mono`} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : state ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{state.error}</p>
      ) : null}
      <SubmitButton pending={pending} pendingLabel="Creating…">Create token</SubmitButton>
    </form>
  );
}
