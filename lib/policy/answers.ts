import type { AttestationFact, CheckOutcome, PersonEvidence, Question } from './types';
import { attestationInForce, fail, noAttestation } from './evidence';

/**
 * Reading typed answers from the attestation in force. A missing attestation, a missing answer or an
 * answer of the wrong type is returned as a failing outcome (missing evidence is a finding, never a pass).
 */

/** Either the answer, or the failing outcome to return instead. */
export type AnswerRead<T> =
  | { ok: true; value: T; attestation: AttestationFact }
  | { ok: false; outcome: CheckOutcome };

type Reader<T> = (value: unknown) => value is T;

const isBoolean: Reader<boolean> = (v): v is boolean => typeof v === 'boolean';
const isNumber: Reader<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);
const isString: Reader<string> = (v): v is string => typeof v === 'string';
const isStringList: Reader<string[]> = (v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function read<T>(evidence: PersonEvidence, asOf: Date, question: Question, guard: Reader<T>): AnswerRead<T> {
  const attestation = attestationInForce(evidence, asOf);
  if (!attestation) return { ok: false, outcome: noAttestation(evidence, asOf) };
  const value: unknown = attestation.answers[question.id];
  if (value === undefined || value === null) {
    return { ok: false, outcome: fail(`Attestation for ${attestation.period} does not answer "${question.text}"`) };
  }
  if (!guard(value)) {
    return {
      ok: false,
      outcome: fail(`Attestation for ${attestation.period} has an unreadable answer to "${question.text}"`),
    };
  }
  return { ok: true, value, attestation };
}

/** The yes/no answer to `question`. */
export function readYesNo(evidence: PersonEvidence, asOf: Date, question: Question): AnswerRead<boolean> {
  return read(evidence, asOf, question, isBoolean);
}

/** The number answer to `question`. */
export function readNumber(evidence: PersonEvidence, asOf: Date, question: Question): AnswerRead<number> {
  return read(evidence, asOf, question, isNumber);
}

/** The single-choice value, or free text, answering `question`. */
export function readText(evidence: PersonEvidence, asOf: Date, question: Question): AnswerRead<string> {
  return read(evidence, asOf, question, isString);
}

/** The values picked for a multi-choice `question` (may be empty). */
export function readList(evidence: PersonEvidence, asOf: Date, question: Question): AnswerRead<string[]> {
  return read(evidence, asOf, question, isStringList);
}

/**
 * An optional text answer: '' when the question was left blank, or a failing outcome when there is no
 * attestation at all or the answer is not text.
 */
export function readOptionalText(evidence: PersonEvidence, asOf: Date, question: Question): AnswerRead<string> {
  const attestation = attestationInForce(evidence, asOf);
  if (!attestation) return { ok: false, outcome: noAttestation(evidence, asOf) };
  const value: unknown = attestation.answers[question.id];
  if (value === undefined || value === null) return { ok: true, value: '', attestation };
  return read(evidence, asOf, question, isString);
}
