CREATE TABLE `attestation_drafts` (
	`user_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`answers` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `campaign_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attestation_drafts_campaign_idx` ON `attestation_drafts` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`kind` text NOT NULL,
	`day` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`sent_by` integer,
	`created_at` integer NOT NULL,
	`emailed_at` integer,
	`email_error` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_user_day_idx` ON `reminders` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `reminders_campaign_idx` ON `reminders` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `reminders_created_idx` ON `reminders` (`created_at`);--> statement-breakpoint
CREATE INDEX `reminders_sent_by_idx` ON `reminders` (`sent_by`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `pack_versions` text;