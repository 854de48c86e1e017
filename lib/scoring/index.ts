/** Pure scoring: rule evaluation per person, person scores and bands, team and organisation roll-ups. */
export { SWITCHED_OFF_REASON, activeException, evaluatePerson, evaluateRule } from './evaluate';
export { HIGH_RISK_BELOW_SCORE, MEDIUM_RISK_BELOW_SCORE, bandFor, roundScore, scorePerson, weightOf } from './score';
export type { PersonScore, StatusCounts } from './score';
export {
  HIGH_RISK_SHARE_FOR_MEDIUM,
  addMember,
  aggregateOrganisation,
  aggregateTeam,
  emptyTotals,
  groupFromTotals,
  memberWeight,
} from './aggregate';
export type { AggregateOptions, GroupScore, GroupTotals, TeamInput, TeamMemberScore } from './aggregate';
