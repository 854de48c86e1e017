CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`scopes` text NOT NULL,
	`token_hash` text NOT NULL,
	`token_prefix` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_created_by_idx` ON `api_tokens` (`created_by`);--> statement-breakpoint
CREATE TABLE `attestations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`pack_id` text NOT NULL,
	`pack_version` text NOT NULL,
	`answers` text NOT NULL,
	`question_texts` text NOT NULL,
	`signature_name` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`ip_address` text,
	`user_agent` text,
	`supersedes_id` integer,
	`content_hash` text NOT NULL,
	`prev_hash` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supersedes_id`) REFERENCES `attestations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attestations_user_idx` ON `attestations` (`user_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `attestations_campaign_idx` ON `attestations` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `attestations_supersedes_idx` ON `attestations` (`supersedes_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attestations_content_hash_idx` ON `attestations` (`content_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`summary` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_hash_unique` ON `audit_log` (`hash`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE TABLE `campaign_teams` (
	`campaign_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `team_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_teams_team_idx` ON `campaign_teams` (`team_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`period` text NOT NULL,
	`opens_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`all_teams` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaigns_period_idx` ON `campaigns` (`period`);--> statement-breakpoint
CREATE INDEX `campaigns_due_idx` ON `campaigns` (`due_at`);--> statement-breakpoint
CREATE INDEX `campaigns_created_by_idx` ON `campaigns` (`created_by`);--> statement-breakpoint
CREATE TABLE `device_apps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_version_id` integer NOT NULL,
	`app` text NOT NULL,
	`app_version` text,
	`business_use` integer NOT NULL,
	`cloud_backup` integer NOT NULL,
	`disappearing_messages` integer NOT NULL,
	`capture_enabled` integer NOT NULL,
	`contact_upload` integer NOT NULL,
	`last_capture_sync_at` integer,
	FOREIGN KEY (`device_version_id`) REFERENCES `device_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `device_apps_version_idx` ON `device_apps` (`device_version_id`);--> statement-breakpoint
CREATE INDEX `device_apps_app_idx` ON `device_apps` (`app`);--> statement-breakpoint
CREATE TABLE `device_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` integer NOT NULL,
	`valid_from` integer NOT NULL,
	`valid_to` integer,
	`model` text NOT NULL,
	`kind` text NOT NULL,
	`ownership` text NOT NULL,
	`os` text NOT NULL,
	`os_version` text NOT NULL,
	`mdm_enrolled` integer NOT NULL,
	`encrypted` integer NOT NULL,
	`passcode` integer NOT NULL,
	`last_seen_at` integer,
	`source` text NOT NULL,
	`import_id` integer,
	`recorded_by` integer,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `device_versions_device_idx` ON `device_versions` (`device_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `device_versions_current_idx` ON `device_versions` (`valid_to`);--> statement-breakpoint
CREATE INDEX `device_versions_import_idx` ON `device_versions` (`import_id`);--> statement-breakpoint
CREATE INDEX `device_versions_recorded_by_idx` ON `device_versions` (`recorded_by`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` integer NOT NULL,
	`external_id` text,
	`source` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_external_id_unique` ON `devices` (`external_id`);--> statement-breakpoint
CREATE INDEX `devices_owner_idx` ON `devices` (`owner_id`);--> statement-breakpoint
CREATE TABLE `exceptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` text NOT NULL,
	`user_id` integer,
	`team_id` integer,
	`reason` text NOT NULL,
	`approved_by` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exceptions_user_idx` ON `exceptions` (`user_id`);--> statement-breakpoint
CREATE INDEX `exceptions_team_idx` ON `exceptions` (`team_id`);--> statement-breakpoint
CREATE INDEX `exceptions_approved_by_idx` ON `exceptions` (`approved_by`);--> statement-breakpoint
CREATE INDEX `exceptions_expires_idx` ON `exceptions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`format` text NOT NULL,
	`file_name` text,
	`file_sha256` text,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`rows_accepted` integer DEFAULT 0 NOT NULL,
	`rows_rejected` integer DEFAULT 0 NOT NULL,
	`row_errors` text DEFAULT '[]' NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_actor_idx` ON `imports` (`actor_id`);--> statement-breakpoint
CREATE INDEX `imports_started_idx` ON `imports` (`started_at`);--> statement-breakpoint
CREATE TABLE `org_score_snapshots` (
	`day` text PRIMARY KEY NOT NULL,
	`score` real,
	`band` text,
	`members` integer NOT NULL,
	`high_risk` integer NOT NULL,
	`attestations_due` integer NOT NULL,
	`attestations_done` integer NOT NULL,
	`open_exceptions` integer NOT NULL,
	`rule_fail_counts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organisation` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`fiscal_year_start_month` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `policy_settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer,
	`parameters` text NOT NULL,
	`effective_from` integer NOT NULL,
	`changed_by` integer,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `policy_settings_team_idx` ON `policy_settings` (`team_id`,`effective_from`);--> statement-breakpoint
CREATE INDEX `policy_settings_changed_by_idx` ON `policy_settings` (`changed_by`);--> statement-breakpoint
CREATE TABLE `team_managers` (
	`team_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`since` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_managers_user_idx` ON `team_managers` (`user_id`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`joined_at` integer NOT NULL,
	`left_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_team_idx` ON `team_members` (`team_id`);--> statement-breakpoint
CREATE INDEX `team_members_user_idx` ON `team_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `team_score_snapshots` (
	`team_id` integer NOT NULL,
	`day` text NOT NULL,
	`score` real,
	`band` text,
	`members` integer NOT NULL,
	`high_risk` integer NOT NULL,
	`attestations_due` integer NOT NULL,
	`attestations_done` integer NOT NULL,
	`open_exceptions` integer NOT NULL,
	`rule_fail_counts` text NOT NULL,
	PRIMARY KEY(`team_id`, `day`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_score_snapshots_day_idx` ON `team_score_snapshots` (`day`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`sector` text NOT NULL,
	`policy_pack_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
CREATE INDEX `teams_sector_idx` ON `teams` (`sector`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text DEFAULT 'staff' NOT NULL,
	`password_hash` text,
	`sso_subject` text,
	`job_title` text,
	`active` integer DEFAULT true NOT NULL,
	`deactivated_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_sso_subject_unique` ON `users` (`sso_subject`);--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`);--> statement-breakpoint
CREATE INDEX `users_active_idx` ON `users` (`active`);