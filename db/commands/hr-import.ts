import { planHrImport, type HrImportMode, type HrPlan, type HrState, type TeamRef } from '@/lib/import/hr-plan';
import type { HrField, HrRecord } from '@/lib/import/hr';
import type { RowError } from '@/lib/import/types';
import type { Role } from '@/lib/auth/roles';
import type { Sector } from '@/lib/policy/constants';
import type { ActionFailure } from '@/lib/validation/action-result';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import { sealIdentifyingFields, sealPersonalValue } from '../personal-keys';
import type { Actor, CommandOptions } from './actor';
import { sectorsInUse } from './teams';

/** An HR file read and checked by lib/import/hr, with how to apply it. */
export interface HrBatch {
  fileName: string;
  fileSha256: string;
  rowsRead: number;
  records: readonly HrRecord[];
  /** Rows already refused while reading the file: any refuses the whole file. */
  rowErrors: readonly RowError[];
  hasManagerColumn: boolean;
  /** Field → the file's header for it, so that row errors name the file's own columns. */
  columns: Readonly<Record<HrField, string | null>>;
  mode: HrImportMode;
  /** In a full import: deactivate the active people missing from the file (the administrator ticked it). */
  deactivateMissing: boolean;
}

/** What applying (or previewing) an HR file did. */
export type HrImportResult =
  | { ok: true; importId: number; plan: HrPlan; counts: HrCounts }
  | (ActionFailure & { rowErrors?: RowError[] });

export interface HrCounts {
  created: number;
  updated: number;
  reactivated: number;
  deactivated: number;
  unchanged: number;
  teamsCreated: number;
}

/** Loads everything the plan needs in a handful of queries: people, teams, open memberships and managements. */
export function loadHrState(db: AppDatabase): HrState {
  const sqlite = db.$client;
  return {
    people: (
      sqlite.prepare('SELECT id, email, name, role, job_title AS jobTitle, active FROM users').all() as { id: number; email: string; name: string; role: Role; jobTitle: string | null; active: number }[]
    ).map((p) => ({ ...p, email: p.email.toLowerCase(), active: p.active === 1 })),
    teams: sqlite.prepare('SELECT id, name, sector FROM teams ORDER BY id').all() as { id: number; name: string; sector: Sector }[],
    memberships: sqlite.prepare('SELECT user_id AS userId, team_id AS teamId FROM team_members WHERE left_at IS NULL').all() as { userId: number; teamId: number }[],
    managements: sqlite.prepare('SELECT user_id AS userId, team_id AS teamId FROM team_managers WHERE until IS NULL').all() as { userId: number; teamId: number }[],
    sectorsInUse: sectorsInUse(sqlite),
  };
}

function counts(plan: HrPlan): HrCounts {
  const of = (kind: string) => plan.changes.filter((c) => c.kind === kind).length;
  return { created: of('create'), updated: of('update'), reactivated: of('reactivate'), deactivated: of('deactivate'), unchanged: plan.unchanged, teamsCreated: plan.newTeams.length };
}

/**
 * Applies an HR file in ONE immediate transaction with prepared statements: new teams, new people (no password:
 * they sign in by SSO until an administrator sets one), changed names, roles and job titles, memberships and
 * managements ended and started (never deleted), reactivations and, when asked in a full import, deactivations.
 * Each changed person gets an audit entry naming the import; the import is recorded in `imports` (format 'hr')
 * with a summary entry. Any row error refuses the whole file and writes nothing (see planHrImport for the
 * rules). Re-applying the same file changes nothing but the import history. `dryRun`: everything is done and
 * rolled back, so that the preview shows exactly what applying would do (importId 0).
 */
export function applyHrImport(db: AppDatabase, actor: Actor, batch: HrBatch, { now = new Date(), dryRun = false }: CommandOptions & { dryRun?: boolean } = {}): HrImportResult {
  if (batch.rowErrors.length > 0) {
    return { ok: false, error: `The file has ${batch.rowErrors.length} problem(s), so nothing was changed. Correct them and upload it again.`, rowErrors: [...batch.rowErrors].sort((a, b) => a.row - b.row) };
  }
  const sqlite = db.$client;
  try {
    return db.transaction(
      (tx): HrImportResult => {
        const planned = planHrImport(batch.records, loadHrState(db), { mode: batch.mode, deactivateMissing: batch.deactivateMissing, hasManagerColumn: batch.hasManagerColumn, actorId: actor.id });
        if (!planned.ok) return { ...planned, rowErrors: planned.rowErrors.map((e) => ({ ...e, column: batch.columns[e.column as HrField] ?? e.column })) };
        const { plan } = planned;
        const at = now.getTime();
        const importId = Number(
          sqlite
            .prepare("INSERT INTO imports (actor_id, format, file_name, file_sha256, rows_read, rows_accepted, rows_rejected, started_at, finished_at) VALUES (?, 'hr', ?, ?, ?, ?, 0, ?, ?)")
            .run(actor.id, batch.fileName, batch.fileSha256, batch.rowsRead, batch.records.length, at, at).lastInsertRowid,
        );
        const teamIds = new Map<string, number>();
        const insertTeam = sqlite.prepare('INSERT INTO teams (name, sector, policy_pack_id, created_at) VALUES (?, ?, ?, ?)');
        for (const team of plan.newTeams) {
          const id = Number(insertTeam.run(team.name, team.sector, team.sector, at).lastInsertRowid);
          teamIds.set(team.key, id);
          appendAuditEntry(tx, { actorId: actor.id, action: 'team.create', targetType: 'team', targetId: id, at: now, summary: { importId, after: { name: team.name, sector: team.sector, policyPackId: team.sector } } });
        }
        const idOf = (ref: TeamRef) => ('id' in ref ? ref.id : teamIds.get(ref.key)!);
        const statements = {
          insertUser: sqlite.prepare('INSERT INTO users (email, name, role, job_title, active, created_at) VALUES (?, ?, ?, ?, 1, ?)'),
          setName: sqlite.prepare('UPDATE users SET name = ? WHERE id = ?'),
          setRole: sqlite.prepare('UPDATE users SET role = ? WHERE id = ?'),
          setJobTitle: sqlite.prepare('UPDATE users SET job_title = ? WHERE id = ?'),
          setActive: sqlite.prepare('UPDATE users SET active = ?, deactivated_at = ? WHERE id = ?'),
          join: sqlite.prepare('INSERT INTO team_members (team_id, user_id, joined_at) VALUES (?, ?, ?)'),
          leave: sqlite.prepare('UPDATE team_members SET left_at = ? WHERE team_id = ? AND user_id = ? AND left_at IS NULL'),
          manage: sqlite.prepare('INSERT INTO team_managers (team_id, user_id, since) VALUES (?, ?, ?)'),
          stopManaging: sqlite.prepare('UPDATE team_managers SET until = ? WHERE team_id = ? AND user_id = ? AND until IS NULL'),
        };
        for (const change of plan.changes) {
          const userId =
            change.userId ??
            Number(statements.insertUser.run(change.email, change.after.name ?? change.name, change.after.role ?? 'staff', change.after.jobTitle ?? null, at).lastInsertRowid);
          if (change.userId !== null) {
            if (change.after.name !== undefined) statements.setName.run(change.after.name, userId);
            if (change.after.role !== undefined) statements.setRole.run(change.after.role, userId);
            if (change.after.jobTitle !== undefined) statements.setJobTitle.run(change.after.jobTitle, userId);
          }
          // Managements end before memberships (a manager is a member), and start after them.
          for (const teamId of change.stopsManaging) statements.stopManaging.run(at, teamId, userId);
          for (const teamId of change.leaves) statements.leave.run(at, teamId, userId);
          for (const ref of change.joins) statements.join.run(idOf(ref), userId, at);
          for (const ref of change.startsManaging) statements.manage.run(idOf(ref), userId, at);
          if (change.kind === 'deactivate') statements.setActive.run(0, at, userId);
          if (change.kind === 'reactivate') statements.setActive.run(1, null, userId);
          appendAuditEntry(tx, {
            actorId: actor.id, action: `user.import.${change.kind}`, targetType: 'user', targetId: userId, at: now,
            // The lines of `changes` repeat names and job titles: sealed with the rest.
            summary: {
              importId,
              ...sealIdentifyingFields(tx, userId, { email: change.email }),
              before: change.before && sealIdentifyingFields(tx, userId, change.before),
              after: sealIdentifyingFields(tx, userId, change.after),
              changes: change.details.map((line) => sealPersonalValue(tx, userId, line)),
            },
          });
        }
        const result = counts(plan);
        appendAuditEntry(tx, {
          actorId: actor.id, action: 'people.import', targetType: 'import', targetId: importId, at: now,
          summary: { fileName: batch.fileName, mode: batch.mode, rowsRead: batch.rowsRead, ...result, missing: plan.missing.length, deactivateMissing: batch.deactivateMissing },
        });
        if (dryRun) throw new DryRun({ ok: true, importId: 0, plan, counts: result });
        return { ok: true, importId, plan, counts: result };
      },
      { behavior: 'immediate' },
    );
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  }
}

/** Thrown inside the transaction to roll back a preview, carrying what applying would do. */
class DryRun extends Error {
  constructor(readonly result: HrImportResult) {
    super('Dry run');
  }
}
