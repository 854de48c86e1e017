import { describe, expect, it } from 'vitest';
import { getPack, questionsFor, type Question } from '@/lib/policy';
import { attestationLink, reminderMessage } from '@/lib/mail/reminder-message';
import { answerSchema, attestationFromFormData, draftAnswersFromFormData, DRAFT_VALUE_MAX_LENGTH, normaliseSignature } from '@/lib/validation/attestations';

const numberQuestion: Question = { id: 'n', type: 'number', text: 'N', help: '', ruleIds: [], min: 0, max: 10 };
const textQuestion: Question = { id: 't', type: 'text', text: 'T', help: '', ruleIds: [], maxLength: 5 };
const optionalText: Question = { ...textQuestion, optional: true };
const yesNo: Question = { id: 'y', type: 'yes_no', text: 'Y', help: '', ruleIds: [], compliantAnswer: false };
const multi: Question = { id: 'm', type: 'multi_choice', text: 'M', help: '', ruleIds: [], options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] };
const choice: Question = { id: 'c', type: 'choice', text: 'C', help: '', ruleIds: [], options: [{ value: 'a', label: 'A' }] };

describe('answerSchema', () => {
  it.each([
    [numberQuestion, '0', 0],
    [numberQuestion, ' 10 ', 10],
    [yesNo, 'yes', true],
    [yesNo, 'no', false],
    [multi, [], []],
    [multi, ['b', 'a'], ['b', 'a']],
    [choice, 'a', 'a'],
    [textQuestion, ' abcde ', 'abcde'],
    [optionalText, '', ''],
  ] as const)('accepts %# (%j)', (question, input, output) => {
    expect(answerSchema(question).parse(input)).toEqual(output);
  });

  it.each([
    [numberQuestion, '-1'],
    [numberQuestion, '11'],
    [numberQuestion, '1.5'],
    [numberQuestion, ''],
    [numberQuestion, '1e3'],
    [yesNo, 'true'],
    [yesNo, true],
    [multi, ['a', 'a']],
    [multi, ['z']],
    [multi, 'a'],
    [choice, 'b'],
    [textQuestion, 'abcdef'],
    [textQuestion, '   '],
  ] as const)('refuses %# (%j)', (question, input) => {
    expect(answerSchema(question).safeParse(input).success).toBe(false);
  });
});

describe('normaliseSignature', () => {
  it.each([
    ['Sam Thompson', 'sam thompson'],
    ['  SAM   Thompson ', 'sam thompson'],
    ['Zoë\u00a0Ng', 'zoë ng'],
  ])('%j → %j', (input, output) => expect(normaliseSignature(input)).toBe(output));
});

describe('reading the posted form', () => {
  const questions = questionsFor(getPack('finance'), { isSupervisor: false });
  it('keeps every answers.* field (so that unknown ones are refused), skips React’s hidden inputs, and treats an unticked multi-choice as empty', () => {
    const form = new FormData();
    form.set('campaignId', '6');
    form.set('$ACTION_REF_1', '');
    form.set('intent', 'draft');
    form.set('answers.invented', 'yes');
    expect(attestationFromFormData(form, questions)).toEqual({ campaignId: '6', answers: { invented: 'yes', business_apps: [] } });
  });
  it('drafts keep only known questions, each value cut to size', () => {
    const form = new FormData();
    form.set('answers.invented', 'yes');
    form.set('answers.forwarding_days', 'x'.repeat(DRAFT_VALUE_MAX_LENGTH + 10));
    form.append('answers.business_apps', 'whatsapp');
    expect(draftAnswersFromFormData(form, questions)).toEqual({ forwarding_days: 'x'.repeat(DRAFT_VALUE_MAX_LENGTH), business_apps: ['whatsapp'] });
  });
});

describe('reminder messages', () => {
  it('link to the form and say why they are sent', () => {
    const link = attestationLink('https://app.example/', 7);
    expect(link).toBe('https://app.example/attest/7');
    const overdue = reminderMessage({ kind: 'overdue', name: 'Sam', campaignName: '2026-Q4 attestation', dueDay: '26 Nov 2026', link });
    expect(overdue.subject).toBe('Overdue: 2026-Q4 attestation');
    expect(overdue.body).toContain(link);
    expect(reminderMessage({ kind: 'nudge', name: 'Sam', campaignName: 'X', dueDay: 'd', link, nudgedBy: 'Morgan' }).subject).toBe('Reminder from Morgan: X');
  });
});
