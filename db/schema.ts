import { relations, sql } from 'drizzle-orm';
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import {
  DEVICE_KINDS,
  DEVICE_OWNERSHIPS,
  DEVICE_SOURCES,
  MESSAGING_APPS,
  OPERATING_SYSTEMS,
  RISK_BANDS,
  SECTORS,
} from '@/lib/policy/constants';
import { ROLES } from '@/lib/auth/roles';

/** Times are stored as integer milliseconds since the epoch (UTC). */
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
const flag = (name: string) => integer(name, { mode: 'boolean' });
const createdAt = () => timestamp('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const organisation = sqliteTable('organisation', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  /** Month (1–12) in which the fiscal year starts; quarters follow it. */
  fiscalYearStartMonth: integer('fiscal_year_start_month').notNull().default(1),
  /** JSON: the sectors new teams may be given (a sector some team has cannot be dropped). */
  sectorsInUse: text('sectors_in_use', { mode: 'json' })
    .$type<(typeof SECTORS)[number][]>()
    .notNull()
    .default(sql`'["law","finance","government"]'`),
  /** Days before an attestation's due day from which scheduled "due soon" reminders are sent. */
  reminderLeadDays: integer('reminder_lead_days').notNull().default(7),
  /** Least number of days between two scheduled reminders to the same person (1: daily). */
  reminderIntervalDays: integer('reminder_interval_days').notNull().default(1),
  /** Years compliance records are kept for (the organisation's retention policy). */
  retentionYears: integer('retention_years').notNull().default(7),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stored lower-case; sign-in and imports match on it. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('staff'),
    passwordHash: text('password_hash'),
    /** Subject of an external (OIDC) identity, when the person signs in by SSO. */
    ssoSubject: text('sso_subject').unique(),
    jobTitle: text('job_title'),
    active: flag('active').notNull().default(true),
    deactivatedAt: timestamp('deactivated_at'),
    /** When the retention purge erased this person's personal data (db/commands/retention.ts); the row stays, pseudonymous. */
    purgedAt: timestamp('purged_at'),
    createdAt: createdAt(),
  },
  (t) => [index('users_role_idx').on(t.role), index('users_active_idx').on(t.active), index('users_name_idx').on(t.name)],
);

export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull().unique(),
    sector: text('sector', { enum: SECTORS }).notNull(),
    /** The policy pack the team is scored against (a sector id). */
    policyPackId: text('policy_pack_id', { enum: SECTORS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('teams_sector_idx').on(t.sector)],
);

/** Membership with its period, so a past day's team can be reconstructed. */
export const teamMembers = sqliteTable(
  'team_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: integer('team_id').notNull().references(() => teams.id),
    userId: integer('user_id').notNull().references(() => users.id),
    joinedAt: timestamp('joined_at').notNull(),
    leftAt: timestamp('left_at'),
  },
  (t) => [index('team_members_team_idx').on(t.teamId), index('team_members_user_idx').on(t.userId)],
);

/** Management of a team over [since, until), so a past day's supervisors can be reconstructed. At most one open period per pair. */
export const teamManagers = sqliteTable(
  'team_managers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: integer('team_id').notNull().references(() => teams.id),
    userId: integer('user_id').notNull().references(() => users.id),
    since: timestamp('since').notNull(),
    until: timestamp('until'),
  },
  (t) => [
    index('team_managers_team_idx').on(t.teamId),
    index('team_managers_user_idx').on(t.userId),
    uniqueIndex('team_managers_current_idx').on(t.teamId, t.userId).where(sql`"until" IS NULL`),
  ],
);

/**
 * Versioned policy parameters for the organisation (team_id null) or one team. A change is a new row
 * with its effective date; the row in force on a day is the latest effective_from ≤ that day.
 */
export const policySettings = sqliteTable(
  'policy_settings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: integer('team_id').references(() => teams.id),
    /** JSON: a partial PolicyParameters, overlaid on the pack defaults (org) or the org's (team). */
    parameters: text('parameters', { mode: 'json' }).notNull(),
    effectiveFrom: timestamp('effective_from').notNull(),
    changedBy: integer('changed_by').references(() => users.id),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('policy_settings_team_idx').on(t.teamId, t.effectiveFrom),
    index('policy_settings_changed_by_idx').on(t.changedBy),
  ],
);

export const campaigns = sqliteTable(
  'campaigns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Attestation period, e.g. "2026-Q4". */
    period: text('period').notNull(),
    opensAt: timestamp('opens_at').notNull(),
    dueAt: timestamp('due_at').notNull(),
    /** True when every team is in the audience; otherwise see campaign_teams. */
    allTeams: flag('all_teams').notNull().default(true),
    /** JSON: sector → pack version in force when the campaign was created (null for campaigns made before it was recorded). */
    packVersions: text('pack_versions', { mode: 'json' }).$type<Partial<Record<(typeof SECTORS)[number], string>>>(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('campaigns_period_idx').on(t.period),
    index('campaigns_due_idx').on(t.dueAt),
    index('campaigns_created_by_idx').on(t.createdBy),
  ],
);

export const campaignTeams = sqliteTable(
  'campaign_teams',
  {
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id),
    teamId: integer('team_id').notNull().references(() => teams.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.teamId] }), index('campaign_teams_team_idx').on(t.teamId)],
);

/**
 * Signed attestations. Append-only (database triggers refuse UPDATE and DELETE): a correction is a new
 * row naming the one it supersedes. Answers are bound to the pack version they answered.
 */
export const attestations = sqliteTable(
  'attestations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id),
    packId: text('pack_id', { enum: SECTORS }).notNull(),
    packVersion: text('pack_version').notNull(),
    /** JSON: question id → answer, validated against the pack's questions. */
    answers: text('answers', { mode: 'json' }).notNull(),
    /** JSON: the question texts as shown, so the record says exactly what was answered. */
    questionTexts: text('question_texts', { mode: 'json' }).notNull(),
    signatureName: text('signature_name').notNull(),
    submittedAt: timestamp('submitted_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    supersedesId: integer('supersedes_id').references((): AnySQLiteColumn => attestations.id),
    contentHash: text('content_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
  },
  (t) => [
    // campaign_id makes "each person's latest attestation (in a campaign)" an index-only read when scoring.
    index('attestations_user_idx').on(t.userId, t.submittedAt, t.campaignId),
    index('attestations_campaign_idx').on(t.campaignId),
    index('attestations_supersedes_idx').on(t.supersedesId),
    uniqueIndex('attestations_content_hash_idx').on(t.contentHash),
  ],
);

/**
 * Unsigned answers kept while a person fills in an attestation: one row per person and campaign, updated in
 * place and deleted when the attestation is submitted. Drafts are not records and carry no signature.
 */
export const attestationDrafts = sqliteTable(
  'attestation_drafts',
  {
    userId: integer('user_id').notNull().references(() => users.id),
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id),
    /** JSON: question id → the raw form value(s) as typed, not yet validated. */
    answers: text('answers', { mode: 'json' }).$type<Record<string, string | string[]>>().notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.campaignId] }), index('attestation_drafts_campaign_idx').on(t.campaignId)],
);

export const REMINDER_KINDS = ['due_soon', 'overdue', 'nudge'] as const;

/**
 * Outbox of attestation reminders: every reminder is written here (officers read it in the app) and, when SMTP is
 * configured, also e-mailed. At most one reminder per person per UTC day, enforced by the unique index.
 */
export const reminders = sqliteTable(
  'reminders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id),
    kind: text('kind', { enum: REMINDER_KINDS }).notNull(),
    /** UTC day the reminder belongs to, 'YYYY-MM-DD'. */
    day: text('day').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** The manager or officer who nudged; null for scheduled reminders. */
    sentBy: integer('sent_by').references(() => users.id),
    createdAt: timestamp('created_at').notNull(),
    /** When the e-mail was accepted by the SMTP server; null when not e-mailed (no SMTP) or failed. */
    emailedAt: timestamp('emailed_at'),
    emailError: text('email_error'),
  },
  (t) => [
    uniqueIndex('reminders_user_day_idx').on(t.userId, t.day),
    index('reminders_campaign_idx').on(t.campaignId),
    index('reminders_created_idx').on(t.createdAt),
    index('reminders_sent_by_idx').on(t.sentBy),
  ],
);

export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: integer('actor_id').references(() => users.id),
    /** generic | intune_devices | intune_apps | jamf_mobile | jamf_computers | hr | api */
    format: text('format').notNull(),
    fileName: text('file_name'),
    fileSha256: text('file_sha256'),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsAccepted: integer('rows_accepted').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    /** JSON: [{ row, column, reason }] */
    rowErrors: text('row_errors', { mode: 'json' }).notNull().default(sql`'[]'`),
    startedAt: timestamp('started_at').notNull(),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [index('imports_actor_idx').on(t.actorId), index('imports_started_idx').on(t.startedAt)],
);

export const devices = sqliteTable(
  'devices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerId: integer('owner_id').notNull().references(() => users.id),
    /** The MDM's id or serial number, when the device came from an MDM. */
    externalId: text('external_id').unique(),
    source: text('source', { enum: DEVICE_SOURCES }).notNull(),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at'),
  },
  (t) => [index('devices_owner_idx').on(t.ownerId)],
);

/**
 * Each change to a device is a new version valid over [valid_from, valid_to); the current one has
 * valid_to null. The state on any past day is the version whose interval contains it.
 */
export const deviceVersions = sqliteTable(
  'device_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deviceId: integer('device_id').notNull().references(() => devices.id),
    validFrom: timestamp('valid_from').notNull(),
    validTo: timestamp('valid_to'),
    model: text('model').notNull(),
    kind: text('kind', { enum: DEVICE_KINDS }).notNull(),
    ownership: text('ownership', { enum: DEVICE_OWNERSHIPS }).notNull(),
    os: text('os', { enum: OPERATING_SYSTEMS }).notNull(),
    osVersion: text('os_version').notNull(),
    mdmEnrolled: flag('mdm_enrolled').notNull(),
    encrypted: flag('encrypted').notNull(),
    passcode: flag('passcode').notNull(),
    lastSeenAt: timestamp('last_seen_at'),
    source: text('source', { enum: DEVICE_SOURCES }).notNull(),
    importId: integer('import_id').references(() => imports.id),
    recordedBy: integer('recorded_by').references(() => users.id),
    /**
     * The version's device_apps rows as scoring reads them, kept by triggers on device_apps (migration 0006):
     * JSON [[app, app version, business use, cloud backup, disappearing, capture, contact upload, last capture
     * sync], …] in device_apps id order. Aggregating them per version at every rescoring was a third of its SQL.
     */
    apps: text('apps').notNull().default('[]'),
  },
  (t) => [
    index('device_versions_device_idx').on(t.deviceId, t.validFrom),
    index('device_versions_current_idx').on(t.validTo),
    index('device_versions_import_idx').on(t.importId),
    index('device_versions_recorded_by_idx').on(t.recordedBy),
  ],
);

/** Messaging apps installed on one device version, with their per-app facts (never content). */
export const deviceApps = sqliteTable(
  'device_apps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deviceVersionId: integer('device_version_id').notNull().references(() => deviceVersions.id),
    app: text('app', { enum: MESSAGING_APPS }).notNull(),
    appVersion: text('app_version'),
    businessUse: flag('business_use').notNull(),
    cloudBackup: flag('cloud_backup').notNull(),
    disappearingMessages: flag('disappearing_messages').notNull(),
    captureEnabled: flag('capture_enabled').notNull(),
    contactUpload: flag('contact_upload').notNull(),
    lastCaptureSyncAt: timestamp('last_capture_sync_at'),
  },
  (t) => [index('device_apps_version_idx').on(t.deviceVersionId), index('device_apps_app_idx').on(t.app)],
);

/** A time-bound waiver of one rule for a person or a team. */
export const exceptions = sqliteTable(
  'exceptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ruleId: text('rule_id').notNull(),
    userId: integer('user_id').references(() => users.id),
    teamId: integer('team_id').references(() => teams.id),
    reason: text('reason').notNull(),
    approvedBy: integer('approved_by').notNull().references(() => users.id),
    startsAt: timestamp('starts_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('exceptions_user_idx').on(t.userId),
    index('exceptions_team_idx').on(t.teamId),
    index('exceptions_approved_by_idx').on(t.approvedBy),
    index('exceptions_expires_idx').on(t.expiresAt),
  ],
);

/** Daily team figures: a cache of the scoring engine, rebuildable from the evidence. */
export const teamScoreSnapshots = sqliteTable(
  'team_score_snapshots',
  {
    teamId: integer('team_id').notNull().references(() => teams.id),
    /** UTC day, 'YYYY-MM-DD'. */
    day: text('day').notNull(),
    score: real('score'),
    band: text('band', { enum: RISK_BANDS }),
    members: integer('members').notNull(),
    highRisk: integer('high_risk').notNull(),
    attestationsDue: integer('attestations_due').notNull(),
    attestationsDone: integer('attestations_done').notNull(),
    openExceptions: integer('open_exceptions').notNull(),
    /** JSON: rule id → number of members failing it. */
    ruleFailCounts: text('rule_fail_counts', { mode: 'json' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.day] }), index('team_score_snapshots_day_idx').on(t.day)],
);

/** Daily organisation totals, same cache semantics as team_score_snapshots. */
export const orgScoreSnapshots = sqliteTable('org_score_snapshots', {
  day: text('day').primaryKey(),
  score: real('score'),
  band: text('band', { enum: RISK_BANDS }),
  members: integer('members').notNull(),
  highRisk: integer('high_risk').notNull(),
  attestationsDue: integer('attestations_due').notNull(),
  attestationsDone: integer('attestations_done').notNull(),
  openExceptions: integer('open_exceptions').notNull(),
  ruleFailCounts: text('rule_fail_counts', { mode: 'json' }).notNull(),
});

/** Every change and export. Append-only (triggers) and hash-chained: hash = sha256(prev_hash + row). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: timestamp('at').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    /** JSON: { before?, after?, ... } — a summary, never secrets. */
    summary: text('summary', { mode: 'json' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_action_idx').on(t.action),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);

/**
 * One random key per person, sealing the personal values that append-only records keep about them (names and
 * e-mails in audit summaries; the typed signature, address and browser of each attestation): see
 * lib/audit/personal.ts. Purging a person deletes their key, which erases those values and leaves every hash intact.
 */
export const personalKeys = sqliteTable('personal_keys', {
  userId: integer('user_id').primaryKey().references(() => users.id),
  key: blob('key', { mode: 'buffer' }).notNull(),
});

export const API_TOKEN_SCOPES = ['devices:read', 'devices:write'] as const;

/** Bearer tokens for sync scripts. Only a SHA-256 of the token is kept; the token is shown once. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** JSON array of API_TOKEN_SCOPES values. */
    scopes: text('scopes', { mode: 'json' }).$type<(typeof API_TOKEN_SCOPES)[number][]>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, to tell tokens apart in lists. */
    tokenPrefix: text('token_prefix').notNull(),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at'),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [index('api_tokens_created_by_idx').on(t.createdBy)],
);

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(teamMembers),
  managedTeams: many(teamManagers),
  devices: many(devices),
  attestations: many(attestations),
}));

export const teamsRelations = relations(teams, ({ many }) => ({
  members: many(teamMembers),
  managers: many(teamManagers),
}));

export const teamMembersRelations = relations(teamMembers, ({ one }) => ({
  team: one(teams, { fields: [teamMembers.teamId], references: [teams.id] }),
  user: one(users, { fields: [teamMembers.userId], references: [users.id] }),
}));

export const teamManagersRelations = relations(teamManagers, ({ one }) => ({
  team: one(teams, { fields: [teamManagers.teamId], references: [teams.id] }),
  user: one(users, { fields: [teamManagers.userId], references: [users.id] }),
}));

export const devicesRelations = relations(devices, ({ one, many }) => ({
  owner: one(users, { fields: [devices.ownerId], references: [users.id] }),
  versions: many(deviceVersions),
}));

export const deviceVersionsRelations = relations(deviceVersions, ({ one, many }) => ({
  device: one(devices, { fields: [deviceVersions.deviceId], references: [devices.id] }),
  apps: many(deviceApps),
}));

export const deviceAppsRelations = relations(deviceApps, ({ one }) => ({
  version: one(deviceVersions, { fields: [deviceApps.deviceVersionId], references: [deviceVersions.id] }),
}));

export const attestationsRelations = relations(attestations, ({ one }) => ({
  user: one(users, { fields: [attestations.userId], references: [users.id] }),
  campaign: one(campaigns, { fields: [attestations.campaignId], references: [campaigns.id] }),
}));

export type User = typeof users.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Campaign = typeof campaigns.$inferSelect;
export type Attestation = typeof attestations.$inferSelect;
export type Device = typeof devices.$inferSelect;
export type DeviceVersion = typeof deviceVersions.$inferSelect;
export type DeviceApp = typeof deviceApps.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type AttestationDraft = typeof attestationDrafts.$inferSelect;
export type Reminder = typeof reminders.$inferSelect;
