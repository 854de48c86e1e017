'use client';

import { usePathname, useRouter } from 'next/navigation';
import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { AttestationReceipt, RECEIPT_PATH_PREFIX, RECEIPT_TITLE, receiptPath } from '@/components/attestations/attestation-receipt';
import { Card } from '@/components/ui/card';
import { Field, FieldError, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { saveDraft, submitAttestation } from '@/lib/actions/attestations';
import type { Question } from '@/lib/policy/types';
import { firstError, type FormState } from '@/lib/validation/action-result';
import { ANSWER_FIELD_PREFIX, SIGNATURE_MAX_LENGTH } from '@/lib/validation/attestations';

/** Prefilled values as the form posts them: a string per field, or the ticked values of a multi-choice. */
export type FormValues = Readonly<Record<string, string | readonly string[]>>;

/** Milliseconds after the last change before unsigned answers are saved as a draft. */
const AUTOSAVE_DELAY_MS = 3000;

/** A question as the form shows it, with the titles of the rules it serves. */
export interface FormQuestion {
  question: Question;
  rules: readonly { id: string; title: string }[];
}

/**
 * The attestation form of one campaign under its `intro`, generated from the pack's questions: each with its help
 * text and the rules it serves. "Save draft" (and an autosave after each change) keeps the answers unsigned; "Sign
 * and submit" records them, and the receipt then takes the form's place at the receipt's own address.
 */
export function AttestationForm({ intro, campaignId, questions, values, personName }: { intro: ReactNode; campaignId: number; questions: readonly FormQuestion[]; values: FormValues; personName: string }) {
  const [submitState, submitAction, submitting] = useActionState(submitAttestation, null);
  const receipt = submitState?.ok ? submitState.receipt : null;
  const receiptHeading = useReceiptAddress(receipt);
  const [draftState, draftAction, saving] = useActionState(saveDraft, null);
  // A draft is kept if the person leaves halfway: answers are saved a few seconds after each change.
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelAutosave = () => {
    if (autosave.current) clearTimeout(autosave.current);
    autosave.current = null;
  };
  useEffect(() => cancelAutosave, []);
  const onChange = () => {
    cancelAutosave();
    autosave.current = setTimeout(() => {
      if (formRef.current) {
        const data = new FormData(formRef.current);
        startTransition(() => draftAction(data));
      }
    }, AUTOSAVE_DELAY_MS);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    cancelAutosave();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget);
    startTransition(() => (submitter?.getAttribute('value') === 'draft' ? draftAction(data) : submitAction(data)));
  };
  const state: FormState = submitState ?? draftState;
  const error = (field: string) => firstError(submitState, field);
  if (receipt) return <AttestationReceipt record={receipt} headingRef={receiptHeading} />;

  return (
    <>
      {intro}
      <Card>
        <form ref={formRef} action={submitAction} onSubmit={onSubmit} onChange={onChange} className="space-y-6" noValidate aria-label="Attestation">
          <input type="hidden" name="campaignId" value={campaignId} />
          <ol className="space-y-5">
            {questions.map(({ question, rules }, index) => (
              <li key={question.id} className="rounded-md border border-slate-200 p-4">
                <QuestionInput question={question} number={index + 1} value={values[question.id]} error={error(`answers.${question.id}`)} />
                <p className="mt-2 text-xs text-slate-500">Serves {rules.map((r) => `${r.id} (${r.title})`).join(', ')}</p>
              </li>
            ))}
          </ol>
          <fieldset className="space-y-3 rounded-md border border-slate-300 bg-slate-50 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-900">Sign</legend>
            <Field id="attest-signature" label="Type your full name to sign" hint={`As we hold it: ${personName}.`} error={error('signatureName')}>
              {(a) => <input {...a} name="signatureName" autoComplete="name" maxLength={SIGNATURE_MAX_LENGTH} className={INPUT_CLASS} />}
            </Field>
            <div>
              <label className="flex items-start gap-2 text-sm text-slate-800">
                <input type="checkbox" name="confirm" aria-describedby={error('confirm') ? 'attest-confirm-error' : undefined} className="mt-1" />
                I confirm these answers are true and complete for this period, and that this typed name is my signature.
              </label>
              <FieldError id="attest-confirm" error={error('confirm')} />
            </div>
          </fieldset>
          <FormAlert state={state} />
          <div className="flex gap-3">
            <SubmitButton pending={submitting} pendingLabel="Submitting…">Sign and submit</SubmitButton>
            <button type="submit" name="intent" value="draft" disabled={saving} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">
              {saving ? 'Saving…' : 'Save draft'}
            </button>
          </div>
        </form>
      </Card>
    </>
  );
}

/**
 * Once the receipt is shown: the address bar shows the receipt's own address (to keep, reload or share with
 * oneself), the title says so, and focus moves to its heading for screen readers. Returns the heading's ref.
 * Coming back through history to that address restores the form's page instead, so the receipt page is fetched.
 */
function useReceiptAddress(receipt: { id: number } | null) {
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!receipt) return;
    window.history.replaceState(null, '', receiptPath(receipt.id));
    document.title = `${RECEIPT_TITLE} · Onchannel`;
    heading.current?.focus();
  }, [receipt]);
  const pathname = usePathname();
  const restoredAtReceipt = !receipt && pathname.startsWith(RECEIPT_PATH_PREFIX);
  const router = useRouter();
  useEffect(() => {
    if (restoredAtReceipt) router.refresh();
  }, [restoredAtReceipt, router]);
  return heading;
}

function QuestionInput({ question, number, value, error }: { question: Question; number: number; value: string | readonly string[] | undefined; error?: string }) {
  const id = `q-${question.id}`;
  const name = `${ANSWER_FIELD_PREFIX}${question.id}`;
  const label = `${number}. ${question.text}`;
  if (question.type === 'number' || question.type === 'text') {
    const hint = question.type === 'number' ? `${question.help} (${question.min}–${question.max}${question.unit ? ` ${question.unit}` : ''})` : question.help;
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        {(a) =>
          question.type === 'number' ? (
            <input {...a} name={name} type="number" inputMode="numeric" min={question.min} max={question.max} step={1} defaultValue={typeof value === 'string' ? value : ''} className={`${INPUT_CLASS} max-w-40`} />
          ) : (
            <input {...a} name={name} maxLength={question.maxLength} defaultValue={typeof value === 'string' ? value : ''} className={INPUT_CLASS} />
          )
        }
      </Field>
    );
  }
  const options = question.type === 'yes_no' ? [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] : question.options;
  const multiple = question.type === 'multi_choice';
  const checked = (option: string) => (Array.isArray(value) ? value.includes(option) : value === option);
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{question.help}{multiple ? ' Tick every one that applies.' : ''}</p>
      <div className={`mt-2 flex flex-wrap gap-x-5 gap-y-2`}>
        {options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm text-slate-800">
            <input type={multiple ? 'checkbox' : 'radio'} name={name} value={option.value} defaultChecked={checked(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
