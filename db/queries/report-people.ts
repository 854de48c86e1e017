import type { DeviceFact, PolicyParameters } from '@/lib/policy/types';
import type { HighRiskPerson, Listing, OverduePerson } from '@/lib/reports';
import { memberState, type MemberState } from '@/lib/scoring/day';
import { campaignOn, devicesOn, membershipsOn, parametersOn, type EvidenceHistory } from '@/lib/scoring/history';
import type { AppDatabase } from '../connection';
import { loadEvidenceHistory } from './evidence';

/** Members of some teams scored on one instant, with the evidence they were scored from. */
export interface ScoredMembers {
  asOf: Date;
  history: EvidenceHistory;
  /** One state per membership (a person in two teams appears twice), lowest team id first. */
  states: MemberState[];
}

/**
 * Scores the members of `teamIds` (or of every team) on `asOf` from the evidence, as the team pages and the
 * snapshots do (lib/scoring memberState), from one bulk evidence load (everyone's when `teamIds` is 'all').
 */
export function scoreMembers(db: AppDatabase, { teamIds, asOf }: { teamIds: 'all' | readonly number[]; asOf: Date }): ScoredMembers {
  const at = asOf.getTime();
  const userIds =
    teamIds === 'all'
      ? undefined
      : (
          db.$client
            .prepare(
              `SELECT DISTINCT user_id FROM team_members WHERE team_id IN (SELECT value FROM json_each(?)) AND joined_at <= ? AND (left_at IS NULL OR left_at > ?)`,
            )
            .all(JSON.stringify(teamIds), at, at) as { user_id: number }[]
        ).map((r) => r.user_id);
  const history = loadEvidenceHistory(db, { userIds, from: asOf, to: asOf });
  const inScope = teamIds === 'all' ? null : new Set(teamIds);
  const parameters = new Map<number, PolicyParameters>();
  const states = membershipsOn(history, asOf)
    .filter((m) => !inScope || inScope.has(m.teamId))
    .sort((a, b) => a.teamId - b.teamId || a.userId - b.userId)
    .map((m) => {
      let p = parameters.get(m.teamId);
      if (!p) parameters.set(m.teamId, (p = parametersOn(history, m.teamId, asOf)));
      return memberState(history, m, asOf, p);
    });
  return { asOf, history, states };
}

/** The states of the members of `teamIds`. */
export function statesOf(scored: ScoredMembers, teamIds: readonly number[]): MemberState[] {
  const wanted = new Set(teamIds);
  return scored.states.filter((s) => wanted.has(s.teamId));
}

/** Each person's devices as they stood on the scoring instant, each person once. */
export function devicesOfMembers(scored: ScoredMembers, states: readonly MemberState[]): DeviceFact[] {
  const people = new Set(states.map((s) => s.userId));
  return [...people].flatMap((userId) => devicesOn(scored.history, userId, scored.asOf));
}

/** Their e-mail addresses, by id. */
function emailsOf(db: AppDatabase, userIds: readonly number[]): Map<number, string> {
  const rows = db.$client.prepare('SELECT id, email FROM users WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(userIds)) as { id: number; email: string }[];
  return new Map(rows.map((r) => [r.id, r.email]));
}

/** Per person, their teams in scope (names joined) and their states, in first-team order. */
function byPerson(scored: ScoredMembers, states: readonly MemberState[]): Map<number, { teams: string[]; states: MemberState[] }> {
  const people = new Map<number, { teams: string[]; states: MemberState[] }>();
  for (const state of states) {
    const person = people.get(state.userId) ?? { teams: [], states: [] };
    person.teams.push(scored.history.teams.get(state.teamId)?.name ?? `Team ${state.teamId}`);
    person.states.push(state);
    people.set(state.userId, person);
  }
  return people;
}

/**
 * People whose attestation was overdue on the scoring instant (due, unsigned, past the campaign's due date),
 * each once, by team then name; and how many were due but still within the campaign's window.
 * At most `limit` rows; `total` counts them all.
 */
export function overdueAttestations(db: AppDatabase, scored: ScoredMembers, states: readonly MemberState[], limit: number): { overdue: Listing<OverduePerson>; awaiting: number } {
  const overdue: (Omit<OverduePerson, 'email'> & { userId: number })[] = [];
  let awaiting = 0;
  for (const [userId, person] of byPerson(scored, states)) {
    const missing = person.states.filter((s) => s.attestationDue && !s.attestationDone);
    if (missing.length === 0) continue;
    const campaigns = missing.map((s) => campaignOn(scored.history, s.teamId, scored.asOf)!).filter(Boolean);
    const late = campaigns.find((c) => c.dueAt.getTime() <= scored.asOf.getTime());
    if (!late) {
      awaiting += 1;
      continue;
    }
    overdue.push({ userId, name: scored.history.names.get(userId) ?? `Person ${userId}`, team: person.teams.join(', '), period: late.period, dueAt: late.dueAt });
  }
  overdue.sort((a, b) => a.team.localeCompare(b.team) || a.name.localeCompare(b.name));
  const shown = overdue.slice(0, limit);
  const emails = emailsOf(db, shown.map((p) => p.userId));
  return { overdue: { rows: shown.map(({ userId, ...p }) => ({ ...p, email: emails.get(userId) ?? '' })), total: overdue.length }, awaiting };
}

/** People at high risk in any of their teams in scope, each once with their lowest score, lowest first. At most `limit` rows. */
export function highRiskPeople(db: AppDatabase, scored: ScoredMembers, states: readonly MemberState[], limit: number): Listing<HighRiskPerson> {
  const people: (Omit<HighRiskPerson, 'email'> & { userId: number })[] = [];
  for (const [userId, person] of byPerson(scored, states)) {
    const high = person.states.filter((s) => s.personScore.band === 'high');
    if (high.length === 0) continue;
    const worst = high.reduce((a, b) => (b.personScore.score < a.personScore.score ? b : a));
    people.push({
      userId,
      name: scored.history.names.get(userId) ?? `Person ${userId}`,
      team: person.teams.join(', '),
      score: worst.personScore.score,
      failedRuleIds: [...new Set(high.flatMap((s) => s.personScore.failedRuleIds))],
    });
  }
  people.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  const shown = people.slice(0, limit);
  const emails = emailsOf(db, shown.map((p) => p.userId));
  return { rows: shown.map(({ userId, ...p }) => ({ ...p, email: emails.get(userId) ?? '' })), total: people.length };
}
