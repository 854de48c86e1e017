import type { AppDatabase } from '../connection';
import { openPersonalData } from '../personal-keys';
import { findPersonProfile } from './users';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const json = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

/**
 * Everything stored about one person, for "Download my data": profile, memberships, teams managed, devices
 * with every version and its apps, attestations (answers, signature, hashes), exceptions granted to them and
 * audit entries about them. Never the password hash or SSO subject, never another person's record: the
 * people who approved or recorded things are named only as "you" or "someone else".
 */
export function exportPersonalData(db: AppDatabase, { userId, asOf }: { userId: number; asOf: Date }) {
  const sqlite = db.$client;
  const profile = findPersonProfile(db, { userId });
  if (!profile) return null;
  const who = (id: number | null) => (id === null ? null : id === userId ? 'you' : 'someone else');

  const memberships = (
    sqlite.prepare('SELECT t.name AS team, t.sector, m.joined_at AS joinedAt, m.left_at AS leftAt FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ? ORDER BY m.joined_at').all(userId) as {
      team: string; sector: string; joinedAt: number; leftAt: number | null;
    }[]
  ).map((m) => ({ ...m, joinedAt: iso(m.joinedAt), leftAt: iso(m.leftAt) }));
  const managedTeams = (
    sqlite.prepare('SELECT t.name AS team, tm.since, tm.until FROM team_managers tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = ? ORDER BY tm.since').all(userId) as { team: string; since: number; until: number | null }[]
  ).map((m) => ({ ...m, since: iso(m.since), until: iso(m.until) }));

  const deviceRows = sqlite.prepare('SELECT id, external_id AS externalId, source, created_at AS createdAt, retired_at AS retiredAt FROM devices WHERE owner_id = ? ORDER BY id').all(userId) as {
    id: number; externalId: string | null; source: string; createdAt: number; retiredAt: number | null;
  }[];
  const versionRows = sqlite
    .prepare(
      `SELECT v.id, v.device_id AS deviceId, v.valid_from AS validFrom, v.valid_to AS validTo, v.model, v.kind, v.ownership, v.os, v.os_version AS osVersion,
       v.mdm_enrolled AS mdmEnrolled, v.encrypted, v.passcode, v.last_seen_at AS lastSeenAt, v.source, v.recorded_by AS recordedBy
       FROM device_versions v JOIN devices d ON d.id = v.device_id WHERE d.owner_id = ? ORDER BY v.device_id, v.valid_from`,
    )
    .all(userId) as { id: number; deviceId: number; validFrom: number; validTo: number | null; lastSeenAt: number | null; recordedBy: number | null; mdmEnrolled: number; encrypted: number; passcode: number; [key: string]: unknown }[];
  const appRows = sqlite
    .prepare(
      `SELECT a.device_version_id AS versionId, a.app, a.app_version AS appVersion, a.business_use AS businessUse, a.cloud_backup AS cloudBackup,
       a.disappearing_messages AS disappearingMessages, a.capture_enabled AS captureEnabled, a.contact_upload AS contactUpload, a.last_capture_sync_at AS lastCaptureSyncAt
       FROM device_apps a JOIN device_versions v ON v.id = a.device_version_id JOIN devices d ON d.id = v.device_id WHERE d.owner_id = ? ORDER BY a.app`,
    )
    .all(userId) as { versionId: number; lastCaptureSyncAt: number | null; businessUse: number; cloudBackup: number; disappearingMessages: number; captureEnabled: number; contactUpload: number; [key: string]: unknown }[];
  const devices = deviceRows.map((d) => ({
    ...d,
    createdAt: iso(d.createdAt),
    retiredAt: iso(d.retiredAt),
    versions: versionRows
      .filter((v) => v.deviceId === d.id)
      .map(({ id, deviceId: _device, recordedBy, ...v }) => ({
        ...v,
        mdmEnrolled: v.mdmEnrolled === 1,
        encrypted: v.encrypted === 1,
        passcode: v.passcode === 1,
        validFrom: iso(v.validFrom),
        validTo: iso(v.validTo),
        lastSeenAt: iso(v.lastSeenAt),
        recordedBy: who(recordedBy),
        apps: appRows
          .filter((a) => a.versionId === id)
          .map(({ versionId: _version, ...a }) => ({
            ...a,
            businessUse: a.businessUse === 1,
            cloudBackup: a.cloudBackup === 1,
            disappearingMessages: a.disappearingMessages === 1,
            captureEnabled: a.captureEnabled === 1,
            contactUpload: a.contactUpload === 1,
            lastCaptureSyncAt: iso(a.lastCaptureSyncAt),
          })),
      })),
  }));

  const attestations = (
    sqlite
      .prepare(
        `SELECT a.id, c.period, a.pack_id AS packId, a.pack_version AS packVersion, a.submitted_at AS submittedAt, a.answers, a.question_texts AS questionTexts,
         a.signature_name AS signatureName, a.ip_address AS ipAddress, a.user_agent AS userAgent, a.supersedes_id AS supersedesId, a.content_hash AS contentHash, a.prev_hash AS prevHash
         FROM attestations a JOIN campaigns c ON c.id = a.campaign_id WHERE a.user_id = ? ORDER BY a.submitted_at`,
      )
      .all(userId) as { submittedAt: number; answers: string; questionTexts: string; [key: string]: unknown }[]
  ).map((a) => ({ ...a, submittedAt: iso(a.submittedAt), answers: json(a.answers), questionTexts: json(a.questionTexts) }));

  const exceptions = (
    sqlite
      .prepare('SELECT id, rule_id AS ruleId, reason, approved_by AS approvedBy, starts_at AS startsAt, expires_at AS expiresAt, revoked_at AS revokedAt FROM exceptions WHERE user_id = ? ORDER BY starts_at')
      .all(userId) as { id: number; ruleId: string; reason: string; approvedBy: number; startsAt: number; expiresAt: number; revokedAt: number | null }[]
  ).map((e) => ({ ...e, approvedBy: who(e.approvedBy), startsAt: iso(e.startsAt), expiresAt: iso(e.expiresAt), revokedAt: iso(e.revokedAt) }));

  // Entries whose target is this person or one of their own records.
  const audit = (
    sqlite
      .prepare(
        `SELECT at, actor_id AS actorId, action, target_type AS targetType, target_id AS targetId, summary FROM audit_log
         WHERE (target_type = 'user' AND target_id = CAST(@user AS TEXT))
            OR (target_type = 'exception' AND target_id IN (SELECT CAST(id AS TEXT) FROM exceptions WHERE user_id = @user))
            OR (target_type = 'device' AND target_id IN (SELECT CAST(id AS TEXT) FROM devices WHERE owner_id = @user))
            OR (target_type = 'attestation' AND target_id IN (SELECT CAST(id AS TEXT) FROM attestations WHERE user_id = @user))
         ORDER BY id`,
      )
      .all({ user: userId }) as { at: number; actorId: number | null; action: string; targetType: string; targetId: string | null; summary: string }[]
  ).map((e) => ({ at: iso(e.at), actor: who(e.actorId), action: e.action, targetType: e.targetType, targetId: e.targetId, summary: json(e.summary) }));

  return openPersonalData(db, {
    exportedAt: asOf.toISOString(),
    profile: { ...profile, createdAt: profile.createdAt.toISOString(), deactivatedAt: profile.deactivatedAt?.toISOString() ?? null },
    memberships,
    managedTeams,
    devices,
    attestations,
    exceptions,
    audit,
  });
}

export type PersonalData = NonNullable<ReturnType<typeof exportPersonalData>>;
