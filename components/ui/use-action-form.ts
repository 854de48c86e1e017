'use client';

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from 'react';
import type { FormState } from '@/lib/validation/action-result';

/**
 * `useActionState` for a form whose entries must survive a refused submission: React resets a form after
 * its action runs, so submissions are dispatched from `onSubmit` instead (the `action` attribute still
 * posts without JavaScript). After a success the form is reset to its (new) default values.
 */
export function useActionForm(action: (state: FormState, data: FormData) => Promise<FormState>) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, pending, formRef, formProps: { ref: formRef, action: formAction, onSubmit } };
}
