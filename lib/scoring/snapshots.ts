import { DEFAULT_POLICY_PARAMETERS } from '../policy/parameters';
import { MS_PER_DAY, dayKey } from '../time';
import { addMember, type GroupScore } from './aggregate';
import { emptySums, figuresFromSums, memberState, mergeSums, teamExceptionCounts, type GroupSums, type MemberState } from './day';
import { parametersOn, type EvidenceHistory, type MembershipRecord } from './history';
import type { PolicyParameters } from '../policy/types';

/** A team's or the organisation's figures at the end of one UTC day ('YYYY-MM-DD'). */
export interface DailyFigures extends GroupScore {
  day: string;
}

export interface SnapshotSeries {
  teams: Map<number, DailyFigures[]>;
  organisation: DailyFigures[];
  /** How many person-day evaluations the build needed (the brute force would need members × days). */
  evaluations: number;
}

/** The last millisecond of a UTC day (days counted from the epoch). */
export function endOfDay(dayIndex: number): Date {
  return new Date((dayIndex + 1) * MS_PER_DAY - 1);
}

/**
 * The instant a day's figures are taken at: the end of the day, or `until` for a day not yet over
 * (so that today's figures say where things stand now, not what will be overdue by midnight).
 */
export function snapshotInstant(dayIndex: number, until: Date): Date {
  const end = endOfDay(dayIndex);
  return end.getTime() > until.getTime() ? until : end;
}

const dayIndexOf = (date: Date) => Math.floor(date.getTime() / MS_PER_DAY);

/** What a member adds to their groups' sums: their state without the rule results (kept small across two years). */
type Contribution = Omit<MemberState, 'results'>;

function contributionOf({ results: _results, ...contribution }: MemberState): Contribution {
  return contribution;
}

/** Whether two states contribute identically to a group's figures. */
function sameContribution(a: Contribution, b: Contribution): boolean {
  return (
    a.weight === b.weight &&
    a.personScore.score === b.personScore.score &&
    a.personScore.band === b.personScore.band &&
    a.attestationDue === b.attestationDue &&
    a.attestationDone === b.attestationDone &&
    a.openExceptions === b.openExceptions &&
    a.personScore.failedRuleIds.join() === b.personScore.failedRuleIds.join()
  );
}

/**
 * Days on which a person's evidence, or a time-driven fact about it, can change: membership, settings,
 * campaign opening and due dates, submissions, device versions, staleness and capture-sync ages crossing
 * any configured limit, exception starts, expiries and revocations. A superset is safe (an extra
 * evaluation finds no change); missing a day is not — the equality test against a day-by-day build guards it.
 */
function changeDays(history: EvidenceHistory, userId: number, memberships: readonly MembershipRecord[], shared: ReadonlySet<number>, ages: readonly number[]): Set<number> {
  const days = new Set(shared);
  const add = (date: Date | null | undefined) => date && days.add(dayIndexOf(date));
  // An age limit can only be crossed while the version that carries the timestamp is still in force.
  const addAges = (date: Date | null, until: Date | null) => {
    if (!date) return;
    const day = dayIndexOf(date);
    const last = until === null ? Infinity : dayIndexOf(until);
    for (const age of ages) for (const k of [age, age + 1]) if (day + k <= last) days.add(day + k);
  };
  for (const m of memberships) {
    add(m.joinedAt);
    add(m.leftAt);
    for (const s of history.teamSettings.get(m.teamId) ?? []) add(s.effectiveFrom);
    for (const e of history.exceptionsByTeam.get(m.teamId) ?? []) [e.startsAt, e.expiresAt, e.revokedAt].forEach(add);
  }
  for (const p of history.supervision.get(userId) ?? []) [p.since, p.until].forEach(add);
  for (const a of history.attestationsByUser.get(userId) ?? []) add(a.submittedAt);
  for (const e of history.exceptionsByUser.get(userId) ?? []) [e.startsAt, e.expiresAt, e.revokedAt].forEach(add);
  for (const v of history.devicesByUser.get(userId) ?? []) {
    [v.validFrom, v.validTo, v.retiredAt].forEach(add);
    const until = v.validTo ?? v.retiredAt;
    addAges(v.lastSeenAt, until);
    for (const app of v.apps) addAges(app.lastCaptureSyncAt, until);
  }
  return days;
}

function configuredAges(history: EvidenceHistory): number[] {
  const rows = [...history.organisationSettings, ...[...history.teamSettings.values()].flat()];
  const ages = new Set([DEFAULT_POLICY_PARAMETERS.staleDeviceDays, DEFAULT_POLICY_PARAMETERS.captureSyncMaxAgeDays]);
  for (const { parameters } of rows) {
    if (parameters.staleDeviceDays !== undefined) ages.add(parameters.staleDeviceDays);
    if (parameters.captureSyncMaxAgeDays !== undefined) ages.add(parameters.captureSyncMaxAgeDays);
  }
  return [...ages];
}

/**
 * Daily sums for every team and the organisation over [from, to] (UTC days, inclusive), for the people in
 * `history`: equal to summing `sumDay` on every day, but evaluating each person only on the days their
 * evidence can change and carrying their contribution in between. Sums over disjoint sets of people (shards)
 * merge by addition (`mergeDailySums`).
 */
export function buildDailySums(history: EvidenceHistory, range: { from: Date; to: Date }): DailySums {
  const first = dayIndexOf(range.from);
  const last = dayIndexOf(range.to);
  const shared = new Set<number>();
  for (const c of history.campaigns) [c.opensAt, c.dueAt].forEach((d) => shared.add(dayIndexOf(d)));
  for (const s of history.organisationSettings) shared.add(dayIndexOf(s.effectiveFrom));
  const ages = configuredAges(history);

  const byUser = new Map<number, MembershipRecord[]>();
  for (const m of history.memberships) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m]);
  // Each change of a contribution is added to (or taken from) its group's delta for the day it happens;
  // memory stays groups × days whatever the number of people.
  const teamDeltas = new Map<number, Map<number, GroupSums>>([...history.teams.keys()].map((id) => [id, new Map()]));
  const organisationDeltas = new Map<number, GroupSums>();
  const apply = (deltas: Map<number, GroupSums>, day: number, state: Contribution, sign: 1 | -1) => {
    let delta = deltas.get(day);
    if (!delta) deltas.set(day, (delta = emptySums()));
    addMember(delta.totals, state, state.weight, sign);
    delta.personalExceptions += sign * state.openExceptions;
  };
  let evaluations = 0;
  // Parameters depend only on the team and the day: merge them once per pair, not once per person.
  const parametersCache = new Map<string, PolicyParameters>();
  const parametersFor = (teamId: number, day: number, asOf: Date) => {
    const key = `${teamId}:${day}`;
    let parameters = parametersCache.get(key);
    if (!parameters) parametersCache.set(key, (parameters = parametersOn(history, teamId, asOf)));
    return parameters;
  };

  for (const [userId, memberships] of byUser) {
    const ordered = [...memberships].sort((a, b) => a.teamId - b.teamId);
    // A range of one day (the usual refresh of today's figures) has no later day to find.
    const days = first === last ? [] : [...changeDays(history, userId, ordered, shared, ages)].filter((d) => d > first && d <= last).sort((a, b) => a - b);
    const current = new Map<MembershipRecord, Contribution>();
    let primary: Contribution | undefined;
    for (const day of [first, ...days]) {
      const asOf = snapshotInstant(day, range.to);
      let nextPrimary: Contribution | undefined;
      for (const m of ordered) {
        const active = m.joinedAt <= asOf && (m.leftAt === null || m.leftAt > asOf);
        const previous = current.get(m);
        const next = active ? contributionOf(memberState(history, m, asOf, parametersFor(m.teamId, day, asOf))) : undefined;
        if (active) evaluations += 1;
        if (previous && next && sameContribution(previous, next)) {
          nextPrimary ??= previous;
          continue;
        }
        const deltas = teamDeltas.get(m.teamId)!;
        if (previous) apply(deltas, day, previous, -1);
        if (next) apply(deltas, day, next, 1);
        if (next) current.set(m, next);
        else current.delete(m);
        nextPrimary ??= next;
      }
      if (primary !== nextPrimary) {
        if (primary) apply(organisationDeltas, day, primary, -1);
        if (nextPrimary) apply(organisationDeltas, day, nextPrimary, 1);
        primary = nextPrimary;
      }
    }
  }

  const teamExceptions = new Map<number, number[]>([...history.teams.keys()].map((id) => [id, []]));
  for (let day = first; day <= last; day += 1) {
    for (const [teamId, count] of teamExceptionCounts(history, snapshotInstant(day, range.to))) teamExceptions.get(teamId)!.push(count);
  }
  const teams = new Map([...teamDeltas].map(([teamId, deltas]) => [teamId, accumulate(deltas, first, last)]));
  return { first, last, teams, organisation: accumulate(organisationDeltas, first, last), teamExceptions, evaluations };
}

/** Daily sums of a set of people, with the team-scope exception counts of each day (the same for every shard). */
export interface DailySums {
  first: number;
  last: number;
  teams: Map<number, GroupSums[]>;
  organisation: GroupSums[];
  teamExceptions: Map<number, number[]>;
  evaluations: number;
}

/** Adds the daily sums of other people (another shard of the same range) into `into`, in place. */
export function mergeDailySums(into: DailySums, from: DailySums): void {
  for (const [teamId, days] of from.teams) {
    const target = into.teams.get(teamId);
    if (!target) into.teams.set(teamId, days);
    else days.forEach((sums, i) => mergeSums(target[i]!, sums));
  }
  from.organisation.forEach((sums, i) => mergeSums(into.organisation[i]!, sums));
  into.evaluations += from.evaluations;
}

/** The figures that daily sums describe. */
export function dailyFigures(sums: DailySums): SnapshotSeries {
  const teams = new Map<number, DailyFigures[]>([...sums.teams.keys()].map((id) => [id, []]));
  const organisation: DailyFigures[] = [];
  for (let i = 0; i <= sums.last - sums.first; i += 1) {
    const day = dayKey(endOfDay(sums.first + i));
    const teamExceptions = new Map([...sums.teamExceptions].map(([teamId, counts]) => [teamId, counts[i]!]));
    const figures = figuresFromSums({ teams: new Map([...sums.teams].map(([teamId, days]) => [teamId, days[i]!])), organisation: sums.organisation[i]! }, teamExceptions);
    for (const [teamId, group] of figures.teams) teams.get(teamId)!.push({ day, ...group });
    organisation.push({ day, ...figures.organisation });
  }
  return { teams, organisation, evaluations: sums.evaluations };
}

/** Running sums of a group's daily deltas: its sums at the end of each day in [first, last]. */
function accumulate(deltas: ReadonlyMap<number, GroupSums>, first: number, last: number): GroupSums[] {
  const running = emptySums();
  const days: GroupSums[] = [];
  for (let day = first; day <= last; day += 1) {
    const delta = deltas.get(day);
    if (delta) mergeSums(running, delta);
    days.push({ totals: { ...running.totals, ruleFailCounts: { ...running.totals.ruleFailCounts } }, personalExceptions: running.personalExceptions });
  }
  return days;
}
