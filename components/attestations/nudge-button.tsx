'use client';

import { useActionState } from 'react';
import { nudgeMember } from '@/lib/actions/campaigns';

/** Sends one reminder to a member about their open attestation; says what happened next to the button. */
export function NudgeButton({ userId, campaignId, name }: { userId: number; campaignId: number; name: string }) {
  const [state, action, pending] = useActionState(nudgeMember, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="campaignId" value={campaignId} />
      <button type="submit" disabled={pending || state?.ok === true} aria-label={`Remind ${name}`} className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60">
        {pending ? 'Sending…' : state?.ok ? 'Reminded' : 'Remind'}
      </button>
      {state ? (
        <span role={state.ok ? 'status' : 'alert'} className={`text-xs ${state.ok ? 'text-emerald-800' : 'text-rose-700'}`}>
          {state.ok ? state.message : state.error}
        </span>
      ) : null}
    </form>
  );
}
