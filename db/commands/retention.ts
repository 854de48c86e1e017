import type { AppDatabase } from '../connection';
import { appendAuditEntry } from '../audit';
import { findOrganisation } from '../queries/organisation';

/** The instant `years` calendar years before `now` (29 February falls back to 28). */
export function yearsBefore(now: Date, years: number): Date {
  const date = new Date(now);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  if (date.getUTCDate() !== now.getUTCDate()) date.setUTCDate(0);
  return date;
}

/** People who left (were deactivated) longer ago than the organisation's retention period, not yet purged. */
export function peopleDueForPurge(db: AppDatabase, { now }: { now: Date }): { id: number; retentionYears: number; cutoff: Date }[] {
  const years = findOrganisation(db)?.retentionYears ?? 7;
  const cutoff = yearsBefore(now, years);
  const rows = db.$client
    .prepare('SELECT id FROM users WHERE active = 0 AND purged_at IS NULL AND deactivated_at IS NOT NULL AND deactivated_at <= ? ORDER BY id')
    .all(cutoff.getTime()) as { id: number }[];
  return rows.map((row) => ({ ...row, retentionYears: years, cutoff }));
}

export interface PurgeOutcome {
  purged: number;
  devices: number;
  retentionYears: number;
  cutoff: Date;
}

/**
 * Erases the personal data of people who left more than the retention period ago, in one transaction with its
 * audit entry: their name, e-mail, job title and sign-in details (the account stays, pseudonymous, so that team
 * history and the records that cite it still add up), their devices with every version and app, unsent drafts and
 * reminder e-mails, and their personal key: the names, e-mails, typed signatures and addresses that the append-only
 * records (audit log, signed attestations) hold sealed with it read "[erased]" from then on, while the records, their
 * answers and every hash stay (lib/audit/personal.ts). Idempotent.
 */
export function purgeDepartedPeople(db: AppDatabase, { now, actorId }: { now: Date; actorId: number | null }): PurgeOutcome {
  const due = peopleDueForPurge(db, { now });
  const retentionYears = due[0]?.retentionYears ?? 0;
  const cutoff = due[0]?.cutoff ?? now;
  if (due.length === 0) return { purged: 0, devices: 0, retentionYears, cutoff };
  const sqlite = db.$client;
  const ids = JSON.stringify(due.map((person) => person.id));
  return db.transaction((tx) => {
    const devicesOf = 'SELECT id FROM devices WHERE owner_id IN (SELECT value FROM json_each(?))';
    sqlite.prepare(`DELETE FROM device_apps WHERE device_version_id IN (SELECT id FROM device_versions WHERE device_id IN (${devicesOf}))`).run(ids);
    sqlite.prepare(`DELETE FROM device_versions WHERE device_id IN (${devicesOf})`).run(ids);
    const devices = sqlite.prepare('DELETE FROM devices WHERE owner_id IN (SELECT value FROM json_each(?))').run(ids).changes;
    sqlite.prepare('DELETE FROM attestation_drafts WHERE user_id IN (SELECT value FROM json_each(?))').run(ids);
    sqlite.prepare('DELETE FROM reminders WHERE user_id IN (SELECT value FROM json_each(?))').run(ids);
    sqlite.prepare('DELETE FROM personal_keys WHERE user_id IN (SELECT value FROM json_each(?))').run(ids);
    sqlite
      .prepare(
        `UPDATE users SET name = 'Former member ' || id, email = 'purged-' || id || '@purged.invalid', job_title = NULL,
           password_hash = NULL, sso_subject = NULL, purged_at = ? WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .run(now.getTime(), ids);
    appendAuditEntry(tx, {
      at: now,
      actorId,
      action: 'retention.purge',
      targetType: 'user',
      targetId: null,
      summary: { after: { people: due.length, userIds: due.map((person) => person.id), devices, retentionYears, leftBefore: cutoff.toISOString() } },
    });
    return { purged: due.length, devices, retentionYears, cutoff };
  });
}
