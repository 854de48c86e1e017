'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { revokeToken } from '@/lib/actions/api-tokens';

/** Revokes one API token; scripts using it are refused from then on. */
export function RevokeApiTokenButton({ tokenId, name }: { tokenId: number; name: string }) {
  const { state, pending, formProps } = useActionForm(revokeToken);
  return (
    <form {...formProps} aria-label={`Revoke ${name}`}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={pending} aria-label={`Revoke ${name}`} className="text-sm font-medium text-rose-700 underline disabled:opacity-60">
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      {state && !state.ok ? <p role="alert" className="text-xs text-rose-700">{state.error}</p> : null}
    </form>
  );
}
