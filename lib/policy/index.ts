import { SECTORS, type Sector } from './constants';
import { FINANCE_PACK } from './packs/finance';
import { GOVERNMENT_PACK } from './packs/government';
import { LAW_PACK } from './packs/law';
import type { PolicyPack, Question, Rule } from './types';

/**
 * Policy packs: one versioned pack of questions and rules per sector. Pure data and pure checks;
 * nothing here touches the database, the clock or the framework.
 */

export * from './constants';
export type * from './types';
export { DEFAULT_POLICY_PARAMETERS, mergeParameters } from './parameters';
export type { PolicyParametersOverride } from './parameters';
export { FEDERAL_RECORDS_FORWARDING_DAYS } from './packs/government-rules';
export { FINANCE_PACK, GOVERNMENT_PACK, LAW_PACK };

/** The pack for each sector. Every pack holds its sector's rules followed by X1–X7. */
export const POLICY_PACKS: Readonly<Record<Sector, PolicyPack>> = Object.freeze({
  law: LAW_PACK,
  finance: FINANCE_PACK,
  government: GOVERNMENT_PACK,
});

/** The pack for a sector. */
export function getPack(sector: Sector): PolicyPack {
  return POLICY_PACKS[sector];
}

/**
 * The rule with this id ('F1', 'X4', …), from the given sector's pack or else from the first pack that has it
 * (the X rules are the same object in every pack). Undefined for an unknown id.
 */
export function findRule(ruleId: string, sector?: Sector): Rule | undefined {
  const order = sector ? [sector, ...SECTORS.filter((s) => s !== sector)] : SECTORS;
  for (const s of order) {
    const rule = POLICY_PACKS[s].rules.find((r) => r.id === ruleId);
    if (rule) return rule;
  }
  return undefined;
}

const questionLists = new WeakMap<PolicyPack, { supervisor: readonly Question[]; other: readonly Question[] }>();

/**
 * The questions a person is asked: supervisor-only questions are left out for non-supervisors. Order kept.
 * The same frozen list for every call with the same pack and role, so that what is built from it (the form's
 * validation schema) can be kept per list.
 */
export function questionsFor(pack: PolicyPack, person: { isSupervisor: boolean }): readonly Question[] {
  let lists = questionLists.get(pack);
  if (!lists) {
    lists = { supervisor: Object.freeze([...pack.questions]), other: Object.freeze(pack.questions.filter((q) => !q.supervisorsOnly)) };
    questionLists.set(pack, lists);
  }
  return person.isSupervisor ? lists.supervisor : lists.other;
}
