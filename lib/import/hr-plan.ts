import { can, ROLE_LABELS, type Role } from '@/lib/auth/roles';
import type { Sector } from '@/lib/policy/constants';
import { teamKey, type HrRecord } from './hr';
import type { RowError } from './types';

/**
 * What an HR file changes, worked out from the file and the organisation as it stands: pure, so that every
 * rule of the import is unit-tested without a database. db/commands/hr-import loads the state, calls
 * `planHrImport`, and applies the plan in one transaction.
 *
 * The file is authoritative for the people it lists: their name, role (when given), job title (when the
 * column exists) and exact set of teams. Managers named on a row manage that row's teams. In a full import
 * the file lists everyone: people missing from it are listed, and deactivated only when `deactivateMissing`;
 * and, when the file has a manager column, each team in it is managed by exactly the people named for it.
 */

/** A person on record. */
export interface ExistingPerson {
  id: number;
  email: string;
  name: string;
  role: Role;
  jobTitle: string | null;
  active: boolean;
}

/** A team on record. */
export interface ExistingTeam {
  id: number;
  name: string;
  sector: Sector;
}

/** The organisation as it stands. Memberships and managements are the current (open) ones. */
export interface HrState {
  people: readonly ExistingPerson[];
  teams: readonly ExistingTeam[];
  memberships: readonly { userId: number; teamId: number }[];
  managements: readonly { userId: number; teamId: number }[];
  sectorsInUse: readonly Sector[];
}

export type HrImportMode = 'partial' | 'full';

export interface HrPlanOptions {
  mode: HrImportMode;
  deactivateMissing: boolean;
  /** Whether the file has a manager column (without one, managers are left as they are). */
  hasManagerColumn: boolean;
  /** The administrator running the import: the file may not deactivate them or change their role. */
  actorId: number;
}

/** A team reference: an existing team's id, or a new team's key. */
export type TeamRef = { id: number } | { key: string };

/** One person's change. `row` is null for people missing from a full file. */
export interface PersonChange {
  row: number | null;
  kind: 'create' | 'update' | 'reactivate' | 'deactivate';
  userId: number | null;
  email: string;
  name: string;
  /** The fields that change, before (null for a new person) and after. */
  before: Partial<Pick<ExistingPerson, 'name' | 'role' | 'jobTitle'>> | null;
  after: Partial<Pick<ExistingPerson, 'name' | 'role' | 'jobTitle'>>;
  joins: TeamRef[];
  leaves: number[];
  startsManaging: TeamRef[];
  stopsManaging: number[];
  /** Human-readable lines for the preview and the audit entry, e.g. "role: Staff → Manager", "joins Trading". */
  details: string[];
}

export interface HrPlan {
  newTeams: { key: string; name: string; sector: Sector }[];
  changes: PersonChange[];
  /** Listed people nothing changes for. */
  unchanged: number;
  /** Active people missing from a full file (deactivated when asked). */
  missing: Pick<ExistingPerson, 'id' | 'email' | 'name' | 'role'>[];
}

export type HrPlanResult = { ok: true; plan: HrPlan } | { ok: false; error: string; rowErrors: RowError[] };

interface FinalPerson {
  email: string;
  name: string;
  role: Role;
  jobTitle: string | null;
  active: boolean;
  teams: Set<string>;
  row: number | null;
}

/** Works out the changes of an HR file, or every reason it must be refused as a whole. */
export function planHrImport(records: readonly HrRecord[], state: HrState, options: HrPlanOptions): HrPlanResult {
  const errors: RowError[] = [];
  const refuse = (row: number, column: string, reason: string) => errors.push({ row, column, reason });

  const teamsByKey = new Map(state.teams.map((t) => [teamKey(t.name), t] as const));
  const teamKeyOf = new Map(state.teams.map((t) => [t.id, teamKey(t.name)] as const));
  const teamName = new Map(state.teams.map((t) => [teamKey(t.name), t.name] as const));
  const newTeams = new Map<string, { key: string; name: string; sector: Sector | null; row: number }>();
  for (const record of records) {
    for (const name of record.teams) {
      const key = teamKey(name);
      const existing = teamsByKey.get(key);
      if (existing) {
        if (record.sector && record.sector !== existing.sector) {
          refuse(record.row, 'sector', `${existing.name} is in the ${existing.sector} sector; this row says ${record.sector}. Change a team’s sector on its page.`);
        }
        continue;
      }
      const known = newTeams.get(key);
      if (!known) newTeams.set(key, { key, name, sector: record.sector ?? null, row: record.row });
      else if (!known.sector && record.sector) known.sector = record.sector;
      if (!teamName.has(key)) teamName.set(key, name);
    }
  }
  for (const team of newTeams.values()) {
    if (!team.sector) refuse(team.row, 'sector', `${team.name} is a new team and no row gives its sector: fill in the sector on one of its rows.`);
    else if (!state.sectorsInUse.includes(team.sector)) refuse(team.row, 'sector', `The organisation does not use the ${team.sector} sector: add it in Settings first.`);
  }

  const byEmail = new Map(state.people.map((p) => [p.email.toLowerCase(), p] as const));
  const currentTeams = new Map<number, Set<string>>();
  for (const m of state.memberships) {
    const key = teamKeyOf.get(m.teamId);
    if (key) currentTeams.set(m.userId, (currentTeams.get(m.userId) ?? new Set()).add(key));
  }
  const listed = new Map(records.map((r) => [r.email, r] as const));
  const final = new Map<string, FinalPerson>();
  for (const person of state.people) {
    const record = listed.get(person.email);
    const missing = !record && options.mode === 'full' && person.active;
    final.set(person.email, {
      email: person.email,
      name: record?.name ?? person.name,
      role: record?.role ?? person.role,
      jobTitle: record && record.jobTitle !== undefined ? record.jobTitle : person.jobTitle,
      active: record ? true : missing && options.deactivateMissing ? false : person.active,
      teams: record ? new Set(record.teams.map(teamKey)) : missing && options.deactivateMissing ? new Set() : new Set(currentTeams.get(person.id) ?? []),
      row: record?.row ?? null,
    });
  }
  for (const record of records) {
    if (byEmail.has(record.email)) continue;
    final.set(record.email, { email: record.email, name: record.name, role: record.role ?? 'staff', jobTitle: record.jobTitle ?? null, active: true, teams: new Set(record.teams.map(teamKey)), row: record.row });
  }

  // Managements: who manages which team once the file is applied.
  const named = new Map<string, Map<string, number>>();
  for (const record of records) {
    if (!record.managerEmail) continue;
    for (const name of record.teams) {
      const key = teamKey(name);
      const forTeam = named.get(key) ?? new Map<string, number>();
      if (!forTeam.has(record.managerEmail)) forTeam.set(record.managerEmail, record.row);
      named.set(key, forTeam);
    }
  }
  const fileTeams = new Set(records.flatMap((r) => r.teams.map(teamKey)));
  const exactManagers = options.mode === 'full' && options.hasManagerColumn;
  const finalManagers = new Map<string, Set<string>>();
  const emailOf = new Map(state.people.map((p) => [p.id, p.email] as const));
  for (const m of state.managements) {
    const key = teamKeyOf.get(m.teamId);
    const email = emailOf.get(m.userId);
    if (!key || !email) continue;
    const person = final.get(email)!;
    if (!person.active || !person.teams.has(key)) continue;
    if (exactManagers && fileTeams.has(key) && !named.get(key)?.has(email)) continue;
    if (!can(person.role, 'view:team') && person.row !== null) {
      refuse(person.row, 'role', `${email} manages ${teamName.get(key)}; the role ${ROLE_LABELS[person.role]} cannot open team pages. Keep them a manager, or name someone else as the team’s manager.`);
    }
    finalManagers.set(key, (finalManagers.get(key) ?? new Set()).add(email));
  }
  for (const [key, managers] of named) {
    for (const [email, row] of managers) {
      const manager = final.get(email);
      const team = teamName.get(key) ?? key;
      if (!manager) refuse(row, 'managerEmail', `No person has the e-mail ${email}: add them to the file.`);
      else if (!manager.active) refuse(row, 'managerEmail', `${email} is deactivated${manager.row === null && byEmail.get(email)?.active ? ' by this import (missing from the file)' : ''}, so cannot manage ${team}.`);
      else if (!manager.teams.has(key)) refuse(row, 'managerEmail', `${email} is not a member of ${team}: a manager must be a member of the team they manage (list ${team} on their own row).`);
      else if (!can(manager.role, 'view:team')) refuse(row, 'managerEmail', `${email} has the role ${ROLE_LABELS[manager.role]}, which cannot open team pages: give them the role manager.`);
      else finalManagers.set(key, (finalManagers.get(key) ?? new Set()).add(email));
    }
  }

  const actorEmail = emailOf.get(options.actorId);
  const actorFinal = actorEmail ? final.get(actorEmail) : undefined;
  const actorBefore = actorEmail ? byEmail.get(actorEmail) : undefined;
  if (actorFinal && actorBefore && actorBefore.active && (!actorFinal.active || actorFinal.role !== actorBefore.role)) {
    if (actorFinal.row !== null) refuse(actorFinal.row, 'role', 'The file changes your own role: ask another administrator to do that.');
    else errors.push({ row: 0, column: '', reason: 'You are missing from the file, so the import would deactivate you: add yourself, or untick the deactivation.' });
  }
  if ([...final.values()].every((p) => !(p.active && p.role === 'admin'))) {
    return { ok: false, error: 'The file would leave the organisation without an active administrator, so nothing was changed.', rowErrors: sortErrors(errors) };
  }
  if (errors.length > 0) return { ok: false, error: `The file has ${errors.length} problem(s), so nothing was changed. Correct them and upload it again.`, rowErrors: sortErrors(errors) };

  return { ok: true, plan: buildPlan(state, final, finalManagers, newTeams, teamsByKey, teamName, currentTeams, options) };
}

function sortErrors(errors: RowError[]): RowError[] {
  return [...errors].sort((a, b) => a.row - b.row);
}

function buildPlan(
  state: HrState,
  final: ReadonlyMap<string, FinalPerson>,
  finalManagers: ReadonlyMap<string, ReadonlySet<string>>,
  newTeams: ReadonlyMap<string, { key: string; name: string; sector: Sector | null }>,
  teamsByKey: ReadonlyMap<string, ExistingTeam>,
  teamName: ReadonlyMap<string, string>,
  currentTeams: ReadonlyMap<number, ReadonlySet<string>>,
  options: HrPlanOptions,
): HrPlan {
  const ref = (key: string): TeamRef => (teamsByKey.has(key) ? { id: teamsByKey.get(key)!.id } : { key });
  const managedNow = new Map<number, Set<number>>();
  for (const m of state.managements) managedNow.set(m.userId, (managedNow.get(m.userId) ?? new Set()).add(m.teamId));
  const managedAfter = new Map<string, Set<string>>();
  for (const [key, emails] of finalManagers) for (const email of emails) managedAfter.set(email, (managedAfter.get(email) ?? new Set()).add(key));
  const existing = new Map(state.people.map((p) => [p.email, p] as const));

  const changes: PersonChange[] = [];
  let unchanged = 0;
  const missing: HrPlan['missing'] = [];
  for (const person of final.values()) {
    const before = existing.get(person.email);
    if (before && person.row === null && options.mode === 'full' && before.active) missing.push({ id: before.id, email: before.email, name: before.name, role: before.role });
    const teamsBefore = before ? (currentTeams.get(before.id) ?? new Set<string>()) : new Set<string>();
    const managingBefore = new Set([...(before ? (managedNow.get(before.id) ?? []) : [])].map((id) => teamKey(state.teams.find((t) => t.id === id)?.name ?? '')));
    const managingAfter = managedAfter.get(person.email) ?? new Set<string>();
    const joins = [...person.teams].filter((k) => !teamsBefore.has(k));
    const leaves = [...teamsBefore].filter((k) => !person.teams.has(k));
    const starts = [...managingAfter].filter((k) => !managingBefore.has(k));
    const stops = [...managingBefore].filter((k) => !managingAfter.has(k));
    const fields = (['name', 'role', 'jobTitle'] as const).filter((f) => !before || before[f] !== person[f]);
    const kind: PersonChange['kind'] = !before ? 'create' : before.active && !person.active ? 'deactivate' : !before.active && person.active ? 'reactivate' : 'update';
    if (before && kind === 'update' && fields.length === 0 && joins.length + leaves.length + starts.length + stops.length === 0) {
      if (person.row !== null) unchanged += 1;
      continue;
    }
    const label = (k: string) => teamName.get(k) ?? k;
    const details = [
      ...(kind === 'create' ? [`new ${ROLE_LABELS[person.role]}`] : kind === 'reactivate' ? ['reactivated'] : kind === 'deactivate' ? ['deactivated: missing from the file'] : []),
      ...(before ? fields.map((f) => (f === 'role' ? `role: ${ROLE_LABELS[before.role]} → ${ROLE_LABELS[person.role]}` : `${f === 'jobTitle' ? 'job title' : f}: ${before[f] ?? '—'} → ${person[f] ?? '—'}`)) : []),
      ...joins.map((k) => `joins ${label(k)}`),
      ...leaves.map((k) => `leaves ${label(k)}`),
      ...starts.map((k) => `manages ${label(k)}`),
      ...stops.map((k) => `stops managing ${label(k)}`),
    ];
    changes.push({
      row: person.row,
      kind,
      userId: before?.id ?? null,
      email: person.email,
      name: person.name,
      before: before ? Object.fromEntries(fields.map((f) => [f, before[f]])) : null,
      after: Object.fromEntries(fields.map((f) => [f, person[f]])),
      joins: joins.map(ref),
      leaves: leaves.map((k) => teamsByKey.get(k)!.id),
      startsManaging: starts.map(ref),
      stopsManaging: stops.map((k) => teamsByKey.get(k)!.id),
      details,
    });
  }
  changes.sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity) || a.email.localeCompare(b.email));
  return {
    newTeams: [...newTeams.values()].map((t) => ({ key: t.key, name: t.name, sector: t.sector! })),
    changes,
    unchanged,
    missing: missing.sort((a, b) => a.name.localeCompare(b.name)),
  };
}
