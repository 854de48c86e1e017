import { memberState } from '@/lib/scoring/day';
import { membershipsOn } from '@/lib/scoring/history';
import type { Sector } from '@/lib/policy/constants';
import { dayKey } from '@/lib/time';
import type { AppDatabase } from '../connection';
import type { TrendSeries } from './dashboard';
import { loadEvidenceHistory } from './evidence';

/** A person as the drill-down page shows them, with the current teams the viewer may see them in. */
export interface PersonInScope {
  id: number;
  name: string;
  email: string;
  jobTitle: string | null;
  active: boolean;
  teams: { id: number; name: string; sector: Sector }[];
}

/**
 * The person `userId` if the viewer's `scope` reaches them: officers ('all') any person; managers only
 * current members of the teams they manage; an empty scope (staff) nobody. Null otherwise, so that a page
 * answers 404 without saying whether the person exists.
 */
export function findPersonInScope(db: AppDatabase, { userId, scope }: { userId: number; scope: 'all' | readonly number[] }): PersonInScope | null {
  if (scope !== 'all' && scope.length === 0) return null;
  const person = db.$client.prepare('SELECT id, name, email, job_title AS jobTitle, active FROM users WHERE id = ?').get(userId) as
    | (Omit<PersonInScope, 'teams' | 'active'> & { active: number })
    | undefined;
  if (!person) return null;
  const teams = (
    db.$client
      .prepare('SELECT t.id, t.name, t.sector FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ? AND m.left_at IS NULL ORDER BY t.id')
      .all(userId) as PersonInScope['teams']
  ).filter((t) => scope === 'all' || scope.includes(t.id));
  if (scope !== 'all' && teams.length === 0) return null;
  return { ...person, active: person.active === 1, teams };
}

/** The first day of each of the last `months` months up to `asOf`, and `asOf` itself, oldest first. */
export function monthlyDays(asOf: Date, months: number): Date[] {
  const days: Date[] = [];
  for (let i = months - 1; i >= 0; i -= 1) days.push(new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - i, 1, 23, 59, 59, 999)));
  if (dayKey(days[days.length - 1]!) !== dayKey(asOf)) days.push(asOf);
  return days.filter((d) => d.getTime() <= asOf.getTime() || dayKey(d) === dayKey(asOf));
}

/**
 * A person's score over the last `months` months, computed live from the evidence with the scoring engine:
 * on the 1st of each month (end of day) and on `asOf`, one line per team they belonged to. Null where they
 * were not a member that day.
 */
export function personScoreHistory(db: AppDatabase, { userId, asOf, months = 12 }: { userId: number; asOf: Date; months?: number }): TrendSeries {
  const days = monthlyDays(asOf, months);
  const history = loadEvidenceHistory(db, { userIds: [userId], from: days[0]!, to: asOf });
  const lines = new Map<number, string>();
  const points = days.map((day) => {
    const at = day.getTime() > asOf.getTime() ? asOf : day;
    const values: Record<string, number | null> = {};
    for (const membership of membershipsOn(history, at).filter((m) => m.userId === userId)) {
      lines.set(membership.teamId, history.teams.get(membership.teamId)?.name ?? `Team ${membership.teamId}`);
      values[`team-${membership.teamId}`] = memberState(history, membership, at).personScore.score;
    }
    return { day: dayKey(at), values };
  });
  const keys = [...lines].sort((a, b) => a[0] - b[0]);
  return {
    lines: keys.map(([id, name]) => ({ key: `team-${id}`, label: name })),
    points: points.map((p) => ({ day: p.day, values: Object.fromEntries(keys.map(([id]) => [`team-${id}`, p.values[`team-${id}`] ?? null])) })),
  };
}
