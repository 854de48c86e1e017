import { startTransition, useState, type FormEvent } from 'react';

/**
 * Submits an upload form to its server action, refusing a file over `maxMegabytes` in the browser first so that
 * a huge file is not uploaded only to be refused by the server. Keeps the button that submitted (preview or
 * confirm) in the form data.
 */
export function useUploadSubmit(formAction: (data: FormData) => void, maxMegabytes: number) {
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0];
    const size = file ? file.size / 1048576 : 0;
    setTooLarge(size > maxMegabytes ? `The file is ${size.toFixed(1)} MB; the limit is ${maxMegabytes} MB. Nothing was imported.` : null);
    if (size > maxMegabytes) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => formAction(data));
  };
  return { tooLarge, onSubmit };
}
