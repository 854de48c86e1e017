import { readList, readNumber, readYesNo } from './answers';
import { describeOffChannel, offChannelUses } from './device-checks';
import { appNames, approvedNames, fail, isApproved, isApprovedCaptured, joinFindings, pass, plural } from './evidence';
import type { CheckOutcome, MultiChoiceQuestion, NumberQuestion, PersonEvidence, YesNoQuestion } from './types';

/** Check bodies shared by several sector rules. Pure functions of evidence and day. */

/**
 * A rule that rests on one yes/no answer: the answer is missing → fail (missing evidence), differs from
 * the question's compliant answer → fail with `failReason`, else pass with `passReason`.
 */
export function yesNoCheck(
  evidence: PersonEvidence,
  asOf: Date,
  question: YesNoQuestion,
  failReason: string,
  passReason: string,
): CheckOutcome {
  const answer = readYesNo(evidence, asOf, question);
  if (!answer.ok) return answer.outcome;
  return answer.value === question.compliantAnswer
    ? pass(`${passReason} (${answer.attestation.period})`)
    : fail(`${failReason} (${answer.attestation.period})`);
}

/** Questions and strictness of an approved-channels rule (F1, L1). */
export interface ChannelCheckOptions {
  /** Finance: an approved channel counts only if it is captured. */
  requireCapture: boolean;
  businessApps: MultiChoiceQuestion;
  unapprovedApp: YesNoQuestion;
  /** Further yes/no questions whose non-compliant answer is a finding, with that finding's words. */
  extra?: readonly { question: YesNoQuestion; finding: string }[];
}

/**
 * Business messages only on approved (and, if required, captured) channels, from the attestation and the
 * device inventory together. Every problem found is named; the attestation is required.
 */
export function channelCheck(evidence: PersonEvidence, asOf: Date, options: ChannelCheckOptions): CheckOutcome {
  const { parameters, devices } = evidence;
  const allowed = (app: string): boolean =>
    options.requireCapture ? isApprovedCaptured(parameters, app) : isApproved(parameters, app);
  const findings: string[] = [];

  const unapproved = readYesNo(evidence, asOf, options.unapprovedApp);
  if (!unapproved.ok) findings.push(unapproved.outcome.reason);
  else if (unapproved.value) findings.push('Attested using an app that is not approved for business messages');

  const apps = readList(evidence, asOf, options.businessApps);
  if (!apps.ok) findings.push(apps.outcome.reason);
  else {
    const bad = apps.value.filter((app) => !allowed(app));
    if (bad.length > 0) {
      findings.push(`Attested using ${appNames(bad)} for business; allowed: ${approvedNames(parameters, options.requireCapture)}`);
    }
  }
  for (const { question, finding } of options.extra ?? []) {
    const answer = readYesNo(evidence, asOf, question);
    if (!answer.ok) findings.push(answer.outcome.reason);
    else if (answer.value !== question.compliantAnswer) findings.push(finding);
  }
  findings.push(...offChannelUses(devices, parameters, options.requireCapture).map(describeOffChannel));

  const unique = [...new Set(findings)];
  if (unique.length > 0) return fail(joinFindings(unique));
  const kind = options.requireCapture ? 'approved, captured' : 'approved';
  const attested = apps.ok ? appNames(apps.value) : 'none';
  const checked = devices.length > 0 ? `${plural(devices.length, 'device')} checked` : 'no devices on record';
  return pass(`Business messages on ${kind} channels only: attested ${attested}; ${checked}`);
}

/** Questions read by a records-forwarding rule (F3, G4, G7). */
export interface ForwardingQuestions {
  received: YesNoQuestion;
  days: NumberQuestion;
}

/**
 * Messages received off-channel are forwarded into the official record within `windowDays` days,
 * from the attestation: none received → pass; received and forwarded within the window → pass;
 * slower, or the number missing → fail.
 */
export function forwardingCheck(
  evidence: PersonEvidence,
  asOf: Date,
  windowDays: number,
  questions: ForwardingQuestions,
): CheckOutcome {
  const received = readYesNo(evidence, asOf, questions.received);
  if (!received.ok) return received.outcome;
  const period = received.attestation.period;
  if (!received.value) return pass(`Attested no business messages received off-channel (${period})`);
  const days = readNumber(evidence, asOf, questions.days);
  if (!days.ok) return days.outcome;
  const limit = `(limit ${windowDays}, attested ${period})`;
  return days.value > windowDays
    ? fail(`Off-channel messages took up to ${days.value} days to forward ${limit}`)
    : pass(`Off-channel messages forwarded within ${days.value} days ${limit}`);
}
