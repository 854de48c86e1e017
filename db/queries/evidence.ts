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
import type { AppDatabase } from '../connection';

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
  const sqlite = db.$client;
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
  const names = new Map<number, string>();
  for (const row of sqlite.prepare(`SELECT id, name FROM users WHERE ${forPeople('id')}`).all(peopleArgs) as { id: number; name: string }[]) {
    names.set(row.id, row.name);
  }

  const memberships: MembershipRecord[] = (
    sqlite
      .prepare(`SELECT team_id, user_id, joined_at, left_at FROM team_members WHERE ${forPeople('user_id')} AND joined_at <= @to AND (left_at IS NULL OR left_at > @from)`)
      .all(args) as { team_id: number; user_id: number; joined_at: number; left_at: number | null }[]
  ).map((r) => ({ teamId: r.team_id, userId: r.user_id, joinedAt: new Date(r.joined_at), leftAt: date(r.left_at) }));

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
       SELECT id, user_id, campaign_id, pack_version, submitted_at, answers FROM attestations
       WHERE id IN (SELECT a.id FROM latest l JOIN attestations a ON a.user_id = l.user_id AND a.submitted_at = l.at)
       UNION ALL
       SELECT id, user_id, campaign_id, pack_version, submitted_at, answers FROM attestations
       WHERE ${forPeople('user_id')} AND submitted_at > @from AND submitted_at <= @to`,
    )
    .all({ ...args, campaigns: JSON.stringify([...campaignsInForceAtFrom]) }) as {
    id: number; user_id: number; campaign_id: number; pack_version: string; submitted_at: number; answers: string;
  }[];
  for (const r of attestationRows) {
    const record: AttestationRecord = {
      id: r.id,
      userId: r.user_id,
      campaignId: r.campaign_id,
      period: periodOf.get(r.campaign_id) ?? '',
      packVersion: r.pack_version,
      submittedAt: new Date(r.submitted_at),
      answers: JSON.parse(r.answers) as Answers,
    };
    const list = attestationsByUser.get(r.user_id);
    if (list) list.push(record);
    else attestationsByUser.set(r.user_id, [record]);
  }
  for (const list of attestationsByUser.values()) list.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id);

  const devicesByUser = loadDeviceVersions(db, forPeople, args);

  const exceptionsByUser = new Map<number, ExceptionRecord[]>();
  const exceptionsByTeam = new Map<number, ExceptionRecord[]>();
  const exceptionRows = sqlite
    .prepare(
      `SELECT id, rule_id, user_id, team_id, reason, starts_at, expires_at, revoked_at FROM exceptions
       WHERE (${forPeople('user_id')} OR team_id IS NOT NULL) AND starts_at <= @to AND expires_at > @from ORDER BY starts_at, id`,
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

type DeviceRow = {
  owner_id: number; device_id: number; retired_at: number | null; valid_from: number; valid_to: number | null;
  model: string; kind: DeviceVersionRecord['kind']; ownership: DeviceVersionRecord['ownership']; os: DeviceVersionRecord['os'];
  os_version: string; mdm_enrolled: number; encrypted: number; passcode: number; last_seen_at: number | null;
  /** JSON array of [app, version, business use, cloud backup, disappearing, capture, contact upload, last sync]. */
  apps: string;
};
type AppTuple = [MessagingApp, string | null, number, number, number, number, number, number | null];

/** Device versions in the range, one row each with its apps packed as JSON (a row per app costs twice as much). */
function loadDeviceVersions(db: AppDatabase, forPeople: (column: string) => string, args: Record<string, unknown>): Map<number, DeviceVersionRecord[]> {
  const versions = db.$client
    .prepare(
      `SELECT d.owner_id, d.id AS device_id, d.retired_at, v.valid_from, v.valid_to, v.model, v.kind, v.ownership, v.os,
         v.os_version, v.mdm_enrolled, v.encrypted, v.passcode, v.last_seen_at,
         (SELECT json_group_array(json_array(a.app, a.app_version, a.business_use, a.cloud_backup, a.disappearing_messages,
            a.capture_enabled, a.contact_upload, a.last_capture_sync_at)) FROM device_apps a WHERE a.device_version_id = v.id) AS apps
       FROM device_versions v JOIN devices d ON d.id = v.device_id
       WHERE ${forPeople('d.owner_id')} AND v.valid_from <= @to AND (v.valid_to IS NULL OR v.valid_to > @from)
         AND (d.retired_at IS NULL OR d.retired_at > @from)`,
    )
    .all(args) as DeviceRow[];
  const byUser = new Map<number, DeviceVersionRecord[]>();
  for (const v of versions) {
    const record: DeviceVersionRecord = {
      deviceId: v.device_id, model: v.model, kind: v.kind, ownership: v.ownership, os: v.os, osVersion: v.os_version,
      mdmEnrolled: v.mdm_enrolled === 1, encrypted: v.encrypted === 1, passcode: v.passcode === 1,
      lastSeenAt: v.last_seen_at === null ? null : new Date(v.last_seen_at),
      validFrom: new Date(v.valid_from), validTo: v.valid_to === null ? null : new Date(v.valid_to),
      retiredAt: v.retired_at === null ? null : new Date(v.retired_at),
      apps: (JSON.parse(v.apps) as AppTuple[]).map(([app, appVersion, business, backup, disappearing, capture, contacts, sync]) => ({
        app, appVersion, businessUse: business === 1, cloudBackup: backup === 1, disappearingMessages: disappearing === 1,
        captureEnabled: capture === 1, contactUpload: contacts === 1, lastCaptureSyncAt: sync === null ? null : new Date(sync),
      })),
    };
    const list = byUser.get(v.owner_id);
    if (list) list.push(record);
    else byUser.set(v.owner_id, [record]);
  }
  for (const list of byUser.values()) list.sort((a, b) => a.validFrom.getTime() - b.validFrom.getTime() || a.deviceId - b.deviceId);
  return byUser;
}
