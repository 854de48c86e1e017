import { MESSAGING_APPS } from '@/lib/policy/constants';
import type { AnswerValue, Question } from '@/lib/policy/types';
import type { Random } from './random';

const APP_VALUES: ReadonlySet<string> = new Set(MESSAGING_APPS);

/**
 * Answers a person gives to a pack's questions. `care` (0–1) is how often they give the answer that
 * raises no concern; app lists are their business-use apps, honestly reported unless they are careless,
 * which is how contradictions between attestations and inventory arise.
 */
export function generateAnswers(
  random: Random,
  questions: readonly Question[],
  context: { care: number; isSupervisor: boolean; businessApps: readonly string[] },
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const question of questions) {
    if (question.supervisorsOnly && !context.isSupervisor) continue;
    // Most people answer most questions carefully; the careless slip on a few.
    const careful = random.chance(1 - (1 - context.care) * 0.3);
    switch (question.type) {
      case 'yes_no':
        answers[question.id] = careful ? question.compliantAnswer : !question.compliantAnswer;
        break;
      case 'choice':
        answers[question.id] = careful ? question.options[0]!.value : random.pick(question.options).value;
        break;
      case 'multi_choice': {
        const values = question.options.map((o) => o.value);
        if (values.every((v) => APP_VALUES.has(v))) {
          const reported = careful ? context.businessApps : context.businessApps.filter((app) => ['teams', 'symphony', 'slack'].includes(app));
          answers[question.id] = values.filter((v) => reported.includes(v));
        } else {
          answers[question.id] = values.filter(() => random.chance(0.3));
        }
        break;
      }
      case 'number':
        answers[question.id] = careful ? question.min : random.int(question.min, Math.min(question.max, question.min + 30));
        break;
      case 'text':
        if (!question.optional) answers[question.id] = 'No exceptions to report.';
        break;
    }
  }
  return answers;
}
