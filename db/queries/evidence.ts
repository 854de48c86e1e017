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
  TeamRecord,
} from '@/lib/scoring/history';
import type { AppDatabase } from '../connection';

/**
 * Loads, in a handful of bulk queries, everything the score of `userIds` (or everyone) depends on between
 * `from` and `to`: memberships, supervision, campaigns, attestations, device versions with their apps,
 * exceptions and settings. Raw prepared statements: this is the hot path of rescoring and rebuilds.
 */
export function loadEvidenceHistory(db: AppDatabase, { userIds, from, to }: { userIds?: readonly number[]; from: Date; to: Date }): EvidenceHistory {
  const sqlite = db.$client;
  const people = userIds ? JSON.stringify(userIds) : null;
  const forPeople = (column: string) => (people === null ? '1 = 1' : `${column} IN (SELECT value FROM json_each(@people))`);
  const params = { people, from: from.getTime(), to: to.getTime() };
  const args = people === null ? { from: params.from, to: params.to } : params;
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));

  const teams = new Map<number, TeamRecord>(
    (sqlite.prepare('SELECT id, name, sector FROM teams').all() as { id: number; name: string; sector: Sector }[]).map((t) => [t.id, t]),
  );
  const names = new Map<number, string>();
  for (const row of sqlite.prepare(`SELECT id, name FROM users WHERE ${forPeople('id')}`).all(people === null ? {} : { people }) as { id: number; name: string }[]) {
    names.set(row.id, row.name);
  }

  const memberships: MembershipRecord[] = (
    sqlite
      .prepare(`SELECT team_id, user_id, joined_at, left_at FROM team_members WHERE ${forPeople('user_id')} AND joined_at <= @to AND (left_at IS NULL OR left_at > @from)`)
      .all(args) as { team_id: number; user_id: number; joined_at: number; left_at: number | null }[]
  ).map((r) => ({ teamId: r.team_id, userId: r.user_id, joinedAt: new Date(r.joined_at), leftAt: date(r.left_at) }));

  const supervisorsSince = new Map<number, Date>();
  for (const r of sqlite.prepare(`SELECT user_id, min(since) AS since FROM team_managers WHERE ${forPeople('user_id')} GROUP BY user_id`).all(people === null ? {} : { people }) as { user_id: number; since: number }[]) {
    supervisorsSince.set(r.user_id, new Date(r.since));
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
  const attestationRows = sqlite
    .prepare(`SELECT id, user_id, campaign_id, pack_version, submitted_at, answers FROM attestations WHERE ${forPeople('user_id')} AND submitted_at <= @to ORDER BY submitted_at, id`)
    .all(people === null ? { to: params.to } : { people, to: params.to }) as { id: number; user_id: number; campaign_id: number; pack_version: string; submitted_at: number; answers: string }[];
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

  return { teams, names, memberships, supervisorsSince, campaigns, attestationsByUser, devicesByUser, exceptionsByUser, exceptionsByTeam, organisationSettings, teamSettings };
}

type DeviceRow = {
  version_id: number; owner_id: number; device_id: number; retired_at: number | null; valid_from: number; valid_to: number | null;
  model: string; kind: DeviceVersionRecord['kind']; ownership: DeviceVersionRecord['ownership']; os: DeviceVersionRecord['os'];
  os_version: string; mdm_enrolled: number; encrypted: number; passcode: number; last_seen_at: number | null;
};
type AppRow = {
  device_version_id: number; app: MessagingApp; app_version: string | null; business_use: number; cloud_backup: number;
  disappearing_messages: number; capture_enabled: number; contact_upload: number; last_capture_sync_at: number | null;
};

function loadDeviceVersions(db: AppDatabase, forPeople: (column: string) => string, args: Record<string, unknown>): Map<number, DeviceVersionRecord[]> {
  const where = `${forPeople('d.owner_id')} AND v.valid_from <= @to AND (v.valid_to IS NULL OR v.valid_to > @from) AND (d.retired_at IS NULL OR d.retired_at > @from)`;
  const versions = db.$client
    .prepare(
      `SELECT v.id AS version_id, d.owner_id, d.id AS device_id, d.retired_at, v.valid_from, v.valid_to, v.model, v.kind, v.ownership, v.os,
         v.os_version, v.mdm_enrolled, v.encrypted, v.passcode, v.last_seen_at
       FROM device_versions v JOIN devices d ON d.id = v.device_id WHERE ${where} ORDER BY v.valid_from, v.id`,
    )
    .all(args) as DeviceRow[];
  const appsByVersion = new Map<number, AppRow[]>();
  const apps = db.$client
    .prepare(`SELECT a.* FROM device_apps a JOIN device_versions v ON v.id = a.device_version_id JOIN devices d ON d.id = v.device_id WHERE ${where} ORDER BY a.id`)
    .all(args) as AppRow[];
  for (const app of apps) {
    const list = appsByVersion.get(app.device_version_id);
    if (list) list.push(app);
    else appsByVersion.set(app.device_version_id, [app]);
  }
  const byUser = new Map<number, DeviceVersionRecord[]>();
  for (const v of versions) {
    const record: DeviceVersionRecord = {
      deviceId: v.device_id, model: v.model, kind: v.kind, ownership: v.ownership, os: v.os, osVersion: v.os_version,
      mdmEnrolled: v.mdm_enrolled === 1, encrypted: v.encrypted === 1, passcode: v.passcode === 1,
      lastSeenAt: v.last_seen_at === null ? null : new Date(v.last_seen_at),
      validFrom: new Date(v.valid_from), validTo: v.valid_to === null ? null : new Date(v.valid_to),
      retiredAt: v.retired_at === null ? null : new Date(v.retired_at),
      apps: (appsByVersion.get(v.version_id) ?? []).map((a) => ({
        app: a.app, appVersion: a.app_version, businessUse: a.business_use === 1, cloudBackup: a.cloud_backup === 1,
        disappearingMessages: a.disappearing_messages === 1, captureEnabled: a.capture_enabled === 1, contactUpload: a.contact_upload === 1,
        lastCaptureSyncAt: a.last_capture_sync_at === null ? null : new Date(a.last_capture_sync_at),
      })),
    };
    const list = byUser.get(v.owner_id);
    if (list) list.push(record);
    else byUser.set(v.owner_id, [record]);
  }
  return byUser;
}
