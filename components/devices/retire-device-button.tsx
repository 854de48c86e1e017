'use client';

import { FormAlert } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { retireDevice } from '@/lib/actions/devices';

/** Retires one of the person's devices after they confirm. */
export function RetireDeviceButton({ deviceId, model }: { deviceId: number; model: string }) {
  const { state, pending, formProps } = useActionForm(retireDevice);
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        if (!window.confirm(`Retire ${model}? It will no longer count from today; its history is kept.`)) {
          event.preventDefault();
          return;
        }
        formProps.onSubmit(event);
      }}
      className="space-y-2"
      aria-label="Retire device"
    >
      <input type="hidden" name="deviceId" value={deviceId} />
      <FormAlert state={state} />
      {state?.ok ? null : (
        <button type="submit" disabled={pending} className="rounded-md border border-rose-300 px-4 py-2 text-sm font-semibold text-rose-800 hover:bg-rose-50 disabled:opacity-60">
          {pending ? 'Retiring…' : 'Retire this device'}
        </button>
      )}
    </form>
  );
}
