ALTER TABLE `device_versions` ADD `apps` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
UPDATE `device_versions` SET `apps` = (
  SELECT json_group_array(json_array(a.app, a.app_version, a.business_use, a.cloud_backup, a.disappearing_messages, a.capture_enabled, a.contact_upload, a.last_capture_sync_at))
  FROM (SELECT * FROM `device_apps` WHERE device_version_id = `device_versions`.id ORDER BY id) a
) WHERE EXISTS (SELECT 1 FROM `device_apps` WHERE device_version_id = `device_versions`.id);--> statement-breakpoint
-- device_versions.apps follows the version's device_apps rows whoever writes them: an inserted app is appended
-- (rows go in in id order, as the backfill above orders them); an update or a delete rebuilds the list.
CREATE TRIGGER `device_apps_append_to_version` AFTER INSERT ON `device_apps` BEGIN
  UPDATE `device_versions` SET `apps` = json_insert(`apps`, '$[#]', json_array(NEW.app, NEW.app_version, NEW.business_use,
    NEW.cloud_backup, NEW.disappearing_messages, NEW.capture_enabled, NEW.contact_upload, NEW.last_capture_sync_at))
  WHERE id = NEW.device_version_id;
END;--> statement-breakpoint
CREATE TRIGGER `device_apps_update_version` AFTER UPDATE ON `device_apps` BEGIN
  UPDATE `device_versions` SET `apps` = (
    SELECT json_group_array(json_array(a.app, a.app_version, a.business_use, a.cloud_backup, a.disappearing_messages, a.capture_enabled, a.contact_upload, a.last_capture_sync_at))
    FROM (SELECT * FROM `device_apps` WHERE device_version_id = `device_versions`.id ORDER BY id) a
  ) WHERE id IN (OLD.device_version_id, NEW.device_version_id);
END;--> statement-breakpoint
CREATE TRIGGER `device_apps_delete_from_version` AFTER DELETE ON `device_apps` BEGIN
  UPDATE `device_versions` SET `apps` = (
    SELECT json_group_array(json_array(a.app, a.app_version, a.business_use, a.cloud_backup, a.disappearing_messages, a.capture_enabled, a.contact_upload, a.last_capture_sync_at))
    FROM (SELECT * FROM `device_apps` WHERE device_version_id = `device_versions`.id ORDER BY id) a
  ) WHERE id = OLD.device_version_id;
END;
