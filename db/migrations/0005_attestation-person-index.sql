DROP INDEX `attestations_user_idx`;--> statement-breakpoint
CREATE INDEX `attestations_user_idx` ON `attestations` (`user_id`,`submitted_at`,`campaign_id`);