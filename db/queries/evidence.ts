import type { MessagingApp, Sector } from '@/lib/policy/constants';
import type { Answers } from '@/lib/policy/types';
import type {
  AttestationRecord,
  CampaignRecord,
  DeviceVersionRecord,
  EvidenceHistory,
  ExceptionRecord,
  MembershipRecord,
  SettingsRecord,
  SupervisionPeriod,
  TeamRecord,
} from '@/lib/scoring/history';
import type Database from 'better-sqlite3';
import type { AppDatabase } from '../connection';

/** The connection's statements, each compiled once: a rescoring runs the same dozen queries for every batch of people. */
interface Statements {
  prepare(sql: string): Database.Statement;
}

const statementsByConnection = new WeakMap<Database.Database, Statements>();

function statementsOf(db: AppDatabase): Statements {
  const sqlite = db.$client;
  let statements = statementsByConnection.get(sqlite);
  if (!statements) {
    const compiled = new Map<string, Database.Statement>();
    statements = {
      prepare(sql) {
        let statement = compiled.get(sql);
        if (!statement) compiled.set(sql, (statement = sqlite.prepare(sql)));
        return statement;
      },
    };
    statementsByConnection.set(sqlite, statements);
  }
  return statements;
}

/** People whose ids lie in [first, last]: a batch that can be loaded and scored on its own. */
export interface PersonRange {
  first: number;
  last: number;
}

/**
 * Loads, in a handful of bulk queries, everything the score of `userIds` (or everyone) depends on between
 * `from` and `to`: memberships, supervision, campaigns, attestations, device versions with their apps,
 * exceptions and settings. Raw prepared statements: this is the hot path of rescoring and rebuilds.
 */
export function loadEvidenceHistory(
  db: AppDatabase,
  { userIds, range, from, to }: { userIds?: readonly number[]; range?: PersonRange; from: Date; to: Date },
): EvidenceHistory {
  const sqlite = statementsOf(db);
  const people = userIds ? JSON.stringify(userIds) : null;
  // An id range keeps every query on its person index: a batch reads only its own index pages.
  const forPeople = (column: string) =>
    (people === null ? '1 = 1' : `${column} IN (SELECT value FROM json_each(@people))`) +
    (range ? ` AND ${column} BETWEEN @firstId AND @lastId` : '');
  const peopleArgs = { ...(people === null ? {} : { people }), ...(range ? { firstId: range.first, lastId: range.last } : {}) };
  const params = { from: from.getTime(), to: to.getTime() };
  const args = { ...params, ...peopleArgs };
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));

  const teams = new Map<number, TeamRecord>(
    (sqlite.prepare('SELECT id, name, sector, policy_pack_id AS packId FROM teams').all() as { id: number; name: string; sector: Sector; packId: Sector }[]).map((t) => [t.id, t]),
  );
  // Rows come as arrays (`raw`): better-sqlite3 builds an object per row at twice the cost or more, which for
  // the hundred thousand device versions of a large organisation is a third of the rescoring's loading.
  const names = new Map<number, string>(sqlite.prepare(`SELECT id, name FROM users WHERE ${forPeople('id')}`).raw().all(peopleArgs) as [number, string][]);

  const memberships: MembershipRecord[] = (
    sqlite
      .prepare(`SELECT team_id, user_id, joined_at, left_at FROM team_members WHERE ${forPeople('user_id')} AND joined_at <= @to AND (left_at IS NULL OR left_at > @from)`)
      .raw()
      .all(args) as [number, number, number, number | null][]
  ).map(([teamId, userId, joinedAt, leftAt]) => ({ teamId, userId, joinedAt: new Date(joinedAt), leftAt: date(leftAt) }));

  const supervision = new Map<number, SupervisionPeriod[]>();
  for (const r of sqlite.prepare(`SELECT user_id, since, until FROM team_managers WHERE ${forPeople('user_id')} ORDER BY since`).all(peopleArgs) as { user_id: number; since: number; until: number | null }[]) {
    supervision.set(r.user_id, [...(supervision.get(r.user_id) ?? []), { since: new Date(r.since), until: date(r.until) }]);
  }

  const audience = new Map<number, number[]>();
  for (const r of sqlite.prepare('SELECT campaign_id, team_id FROM campaign_teams').all() as { campaign_id: number; team_id: number }[]) {
    audience.set(r.campaign_id, [...(audience.get(r.campaign_id) ?? []), r.team_id]);
  }
  const campaigns: CampaignRecord[] = (
    sqlite.prepare('SELECT id, period, opens_at, due_at, all_teams FROM campaigns WHERE opens_at <= @to ORDER BY opens_at, id').all({ to: params.to }) as {
      id: number; period: string; opens_at: number; due_at: number; all_teams: number;
    }[]
  ).map((c) => ({ id: c.id, period: c.period, opensAt: new Date(c.opens_at), dueAt: new Date(c.due_at), allTeams: c.all_teams === 1, teamIds: audience.get(c.id) ?? [] }));
  const periodOf = new Map(campaigns.map((c) => [c.id, c.period]));

  const attestationsByUser = new Map<number, AttestationRecord[]>();
  // Before `from` only two records per person can matter on any day of the range: their latest, and their
  // latest for the campaign then in force. Everything submitted within the range is loaded (a disjoint set).
  const campaignsInForceAtFrom = new Set<number>();
  for (const teamId of teams.keys()) {
    const inForce = campaigns.findLast((c) => c.opensAt.getTime() <= params.from && (c.allTeams || c.teamIds.includes(teamId)));
    if (inForce) campaignsInForceAtFrom.add(inForce.id);
  }
  // Latest per person (and latest per person in a campaign then in force) come from the (user_id,
  // submitted_at, campaign_id) index alone; only those rows are read whole. The unary + keeps the planner off
  // the campaign index, which would visit every attestation of the campaign for each batch of people.
  const attestationRows = sqlite
    .prepare(
      `WITH latest AS (
         SELECT user_id, max(submitted_at) AS at FROM attestations WHERE ${forPeople('user_id')} AND submitted_at <= @from GROUP BY user_id
         UNION
         SELECT user_id, max(submitted_at) FROM attestations
         WHERE ${forPeople('user_id')} AND submitted_at <= @from AND +campaign_id IN (SELECT value FROM json_each(@campaigns)) GROUP BY user_id)
       SELECT a.id, a.user_id, a.campaign_id, a.pack_version, a.submitted_at, a.answers FROM latest l
       JOIN attestations a ON a.user_id = l.user_id AND a.submitted_at = l.at
       UNION ALL
       SELECT id, user_id, campaign_id, pack_version, submitted_at, answers FROM attestations
       WHERE ${forPeople('user_id')} AND submitted_at > @from AND submitted_at <= @to`,
    )
    .raw()
    .all({ ...args, campaigns: JSON.stringify([...campaignsInForceAtFrom]) }) as [number, number, number, string, number, string][];
  for (const [id, userId, campaignId, packVersion, submittedAt, answers] of attestationRows) {
    const record: AttestationRecord = {
      id,
      userId,
      campaignId,
      period: periodOf.get(campaignId) ?? '',
      packVersion,
      submittedAt: new Date(submittedAt),
      answers: JSON.parse(answers) as Answers,
    };
    const list = attestationsByUser.get(userId);
    if (list) list.push(record);
    else attestationsByUser.set(userId, [record]);
  }
  for (const list of attestationsByUser.values()) list.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id);

  const devicesByUser = loadDeviceVersions(sqlite, forPeople, args);

  const exceptionsByUser = new Map<number, ExceptionRecord[]>();
  const exceptionsByTeam = new Map<number, ExceptionRecord[]>();
  // Two queries, each on its own index: an OR of the two scopes made SQLite read every exception for each batch.
  const exceptionRows = sqlite
    .prepare(
      `SELECT id, rule_id, user_id, team_id, reason, starts_at, expires_at, revoked_at FROM exceptions
       WHERE user_id IS NOT NULL AND ${forPeople('user_id')} AND starts_at <= @to AND expires_at > @from
       UNION ALL
       SELECT id, rule_id, user_id, team_id, reason, starts_at, expires_at, revoked_at FROM exceptions
       WHERE user_id IS NULL AND team_id IS NOT NULL AND starts_at <= @to AND expires_at > @from
       ORDER BY starts_at, id`,
    )
    .all(args) as { id: number; rule_id: string; user_id: number | null; team_id: number | null; reason: string; starts_at: number; expires_at: number; revoked_at: number | null }[];
  for (const r of exceptionRows) {
    const record: ExceptionRecord = {
      id: r.id, ruleId: r.rule_id, userId: r.user_id, teamId: r.team_id, reason: r.reason,
      startsAt: new Date(r.starts_at), expiresAt: new Date(r.expires_at), revokedAt: date(r.revoked_at),
    };
    const [map, key] = r.user_id !== null ? [exceptionsByUser, r.user_id] : [exceptionsByTeam, r.team_id!];
    map.set(key, [...(map.get(key) ?? []), record]);
  }

  const organisationSettings: SettingsRecord[] = [];
  const teamSettings = new Map<number, SettingsRecord[]>();
  for (const r of sqlite.prepare('SELECT team_id, effective_from, parameters FROM policy_settings WHERE effective_from <= @to ORDER BY effective_from, id').all({ to: params.to }) as { team_id: number | null; effective_from: number; parameters: string }[]) {
    const record: SettingsRecord = { teamId: r.team_id, effectiveFrom: new Date(r.effective_from), parameters: JSON.parse(r.parameters) as SettingsRecord['parameters'] };
    if (r.team_id === null) organisationSettings.push(record);
    else teamSettings.set(r.team_id, [...(teamSettings.get(r.team_id) ?? []), record]);
  }

  return { teams, names, memberships, supervision, campaigns, attestationsByUser, devicesByUser, exceptionsByUser, exceptionsByTeam, organisationSettings, teamSettings };
}

/** A device version row, in the order of the query's columns; `apps` as `device_versions.apps` stores them. */
type DeviceRow = [
  ownerId: number, deviceId: number, retiredAt: number | null, validFrom: number, validTo: number | null,
  model: string, kind: DeviceVersionRecord['kind'], ownership: DeviceVersionRecord['ownership'], os: DeviceVersionRecord['os'],
  osVersion: string, mdmEnrolled: number, encrypted: number, passcode: number, lastSeenAt: number | null, apps: string,
];

/**
 * One app as `device_versions.apps` holds it (a JSON array of these, kept by triggers from the version's
 * device_apps rows, migration 0006): [app, app version, business use, cloud backup, disappearing, capture,
 * contact upload, last capture sync (epoch ms)], the flags as 0/1.
 */
type VersionAppTuple = [MessagingApp, string | null, number, number, number, number, number, number | null];

function appFactsOf(json: string): DeviceVersionRecord['apps'] {
  return (JSON.parse(json) as VersionAppTuple[]).map(([app, appVersion, business, backup, disappearing, capture, contacts, sync]) => ({
    app, appVersion, businessUse: business === 1, cloudBackup: backup === 1, disappearingMessages: disappearing === 1,
    captureEnabled: capture === 1, contactUpload: contacts === 1, lastCaptureSyncAt: sync === null ? null : new Date(sync),
  }));
}

/** Device versions in the range, each with its apps from the version row's JSON (one row per app costs twice as much). */
function loadDeviceVersions(sqlite: Statements, forPeople: (column: string) => string, args: Record<string, unknown>): Map<number, DeviceVersionRecord[]> {
  const versions = sqlite
    .prepare(
      `SELECT d.owner_id, d.id, d.retired_at, v.valid_from, v.valid_to, v.model, v.kind, v.ownership, v.os,
         v.os_version, v.mdm_enrolled, v.encrypted, v.passcode, v.last_seen_at, v.apps
       FROM device_versions v JOIN devices d ON d.id = v.device_id
       WHERE ${forPeople('d.owner_id')} AND v.valid_from <= @to AND (v.valid_to IS NULL OR v.valid_to > @from)
         AND (d.retired_at IS NULL OR d.retired_at > @from)`,
    )
    .raw()
    .all(args) as DeviceRow[];
  const byUser = new Map<number, DeviceVersionRecord[]>();
  for (const [ownerId, deviceId, retiredAt, validFrom, validTo, model, kind, ownership, os, osVersion, mdmEnrolled, encrypted, passcode, lastSeenAt, apps] of versions) {
    const record: DeviceVersionRecord = {
      deviceId, model, kind, ownership, os, osVersion,
      mdmEnrolled: mdmEnrolled === 1, encrypted: encrypted === 1, passcode: passcode === 1,
      lastSeenAt: lastSeenAt === null ? null : new Date(lastSeenAt),
      validFrom: new Date(validFrom), validTo: validTo === null ? null : new Date(validTo),
      retiredAt: retiredAt === null ? null : new Date(retiredAt),
      apps: appFactsOf(apps),
    };
    const list = byUser.get(ownerId);
    if (list) list.push(record);
    else byUser.set(ownerId, [record]);
  }
  for (const list of byUser.values()) list.sort((a, b) => a.validFrom.getTime() - b.validFrom.getTime() || a.deviceId - b.deviceId);
  return byUser;
}
