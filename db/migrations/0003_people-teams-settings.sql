PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_team_managers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`since` integer NOT NULL,
	`until` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The old table had no id or end: each existing management becomes one open period.
INSERT INTO `__new_team_managers`("team_id", "user_id", "since") SELECT "team_id", "user_id", "since" FROM `team_managers` ORDER BY "since", "team_id", "user_id";--> statement-breakpoint
DROP TABLE `team_managers`;--> statement-breakpoint
ALTER TABLE `__new_team_managers` RENAME TO `team_managers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `team_managers_team_idx` ON `team_managers` (`team_id`);--> statement-breakpoint
CREATE INDEX `team_managers_user_idx` ON `team_managers` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `team_managers_current_idx` ON `team_managers` (`team_id`,`user_id`) WHERE "until" IS NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `sectors_in_use` text DEFAULT '["law","finance","government"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `reminder_lead_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `reminder_interval_days` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `retention_years` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `users_name_idx` ON `users` (`name`);