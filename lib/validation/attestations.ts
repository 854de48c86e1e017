import { z } from 'zod';
import type { AnswerValue, Question } from '@/lib/policy/types';

/**
 * Validation of attestation submissions and drafts, built from the questions of the person's policy pack.
 * The same schema serves the server action and the form's field names (`answers.<questionId>`).
 */

/** Longest typed-name signature accepted, in characters. */
export const SIGNATURE_MAX_LENGTH = 200;
/** Prefix of answer fields in the posted form: `answers.<questionId>`. */
export const ANSWER_FIELD_PREFIX = 'answers.';

/** A name compared as signatures are: case-insensitive, runs of spaces collapsed, trimmed. */
export function normaliseSignature(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/** The zod schema of one question's answer as posted (strings), producing the stored answer value. */
export function answerSchema(question: Question): z.ZodType<AnswerValue> {
  switch (question.type) {
    case 'yes_no':
      return z.enum(['yes', 'no'], { error: 'Answer yes or no.' }).transform((value) => value === 'yes');
    case 'choice':
      return z.enum(question.options.map((o) => o.value) as [string, ...string[]], { error: 'Choose one of the options.' });
    case 'multi_choice': {
      const values = question.options.map((o) => o.value) as [string, ...string[]];
      return z
        .array(z.enum(values, { error: 'Choose only from the options listed.' }), { error: 'Choose from the options listed.' })
        .max(values.length)
        .refine((list) => new Set(list).size === list.length, 'Choose each option once.');
    }
    case 'number':
      return z
        .string({ error: 'Enter a whole number.' })
        .trim()
        .min(1, 'Enter a whole number.')
        .regex(/^-?\d+$/, 'Enter a whole number.')
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(question.min, `Enter a number from ${question.min} to ${question.max}.`)
            .max(question.max, `Enter a number from ${question.min} to ${question.max}.`),
        );
    case 'text': {
      const text = z
        .string({ error: 'Enter an answer.' })
        .trim()
        .max(question.maxLength, `Keep the answer to ${question.maxLength} characters.`);
      return question.optional ? text : text.min(1, 'Enter an answer.');
    }
  }
}

function buildAnswersSchema(questions: readonly Question[]) {
  return z.strictObject(Object.fromEntries(questions.map((q) => [q.id, answerSchema(q)])), {
    error: (issue) => (issue.code === 'unrecognized_keys' ? 'The form holds a question that is not in your policy pack.' : undefined),
  });
}

// zod builds a schema's parser on its first parse, at many times the cost of a parse: the answers schema is
// kept per question list (questionsFor returns one list per pack and role) instead of rebuilt per submission.
const answersSchemas = new WeakMap<readonly Question[], ReturnType<typeof buildAnswersSchema>>();

/** Answers to exactly `questions`: an unknown question id or a missing answer is refused. */
export function answersSchema(questions: readonly Question[]) {
  let schema = answersSchemas.get(questions);
  if (!schema) answersSchemas.set(questions, (schema = buildAnswersSchema(questions)));
  return schema;
}

const campaignIdSchema = z.coerce.number().int().positive('Not a campaign.');
const signatureSchema = z
  .string({ error: 'Type your full name to sign.' })
  .trim()
  .min(1, 'Type your full name to sign.')
  .max(SIGNATURE_MAX_LENGTH, 'That is longer than any name.');
const confirmSchema = z.literal('on', { error: 'Tick the box to confirm your answers are true.' });

/**
 * A whole submission: the campaign, the answers to `questions`, the typed-name signature (must equal `personName`
 * ignoring case and spacing) and the confirmation box. Unknown top-level fields are refused too.
 */
export function attestationSubmissionSchema(questions: readonly Question[], personName: string) {
  return z.strictObject({
    campaignId: campaignIdSchema,
    answers: answersSchema(questions),
    signatureName: signatureSchema.refine((typed) => normaliseSignature(typed) === normaliseSignature(personName), `Type your name exactly as we hold it: ${personName}.`),
    confirm: confirmSchema,
  });
}

export type AttestationSubmission = z.output<ReturnType<typeof attestationSubmissionSchema>>;

/**
 * The posted form as the submission schema reads it. Multi-choice answers are every value of their field;
 * others the single value. Any `answers.*` field is kept, so that the schema can refuse unknown questions.
 */
export function attestationFromFormData(form: FormData, questions: readonly Question[]): Record<string, unknown> {
  const multi = new Set(questions.filter((q) => q.type === 'multi_choice').map((q) => q.id));
  const answers: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$ACTION') || key === 'intent') continue;
    if (key.startsWith(ANSWER_FIELD_PREFIX)) {
      const id = key.slice(ANSWER_FIELD_PREFIX.length);
      answers[id] = multi.has(id) ? form.getAll(key).filter((v) => v !== '') : form.get(key);
    } else rest[key] = form.get(key);
  }
  // An unticked multi-choice posts nothing: that is an empty choice, not a missing answer.
  for (const id of multi) answers[id] ??= [];
  return { ...rest, answers };
}

/** Longest raw value a draft keeps per field: a draft is never larger than a valid submission could be. */
export const DRAFT_VALUE_MAX_LENGTH = 2000;

/**
 * A draft's answers: the raw posted values of known questions only, each cut to a safe size. Drafts are not
 * validated for completeness; the submission is.
 */
export function draftAnswersFromFormData(form: FormData, questions: readonly Question[]): Record<string, string | string[]> {
  const draft: Record<string, string | string[]> = {};
  for (const q of questions) {
    const key = `${ANSWER_FIELD_PREFIX}${q.id}`;
    const values = form.getAll(key).filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, DRAFT_VALUE_MAX_LENGTH));
    if (values.length === 0) continue;
    draft[q.id] = q.type === 'multi_choice' ? values.slice(0, q.options.length) : values[0]!;
  }
  return draft;
}
