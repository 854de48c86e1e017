import { expect } from 'vitest';

/** What a server action answered, as the fuzz tests and matrices read it. */
export interface ActionAnswer {
  ok: boolean;
  error?: unknown;
  fieldErrors?: unknown;
  [key: string]: unknown;
}

/**
 * Calls a server action as a form posts to it. A redirect (where a creation opens the new record's page) is a
 * success; anything else thrown is rethrown: in the app it would be a 500 page, so a test fails on it.
 */
export async function callAction(action: (previous: null, form: FormData) => Promise<unknown>, form: FormData): Promise<ActionAnswer> {
  try {
    return (await action(null, form)) as ActionAnswer;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('NEXT_REDIRECT ')) return { ok: true, redirect: error.message };
    throw error;
  }
}

/**
 * The answer has the shape every form reads: `{ ok: true, ... }`, or `{ ok: false, error }` with a sentence and,
 * for bad input, `fieldErrors` naming each field with at least one message.
 */
export function expectActionAnswer(answer: ActionAnswer): void {
  expect(answer).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  if (answer.ok) return;
  expect(answer.error).toEqual(expect.stringMatching(/\S/));
  if (answer.fieldErrors === undefined) return;
  const fieldErrors = answer.fieldErrors as Record<string, unknown>;
  expect(Object.keys(fieldErrors).length).toBeGreaterThan(0);
  for (const messages of Object.values(fieldErrors)) {
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/\S/)]));
  }
}

/** The own property names of Object.prototype, to check that no posted key reached it. */
export const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
