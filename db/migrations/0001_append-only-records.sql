-- Signed attestations and the audit log are append-only: the database itself refuses edits and deletions.
CREATE TRIGGER attestations_refuse_update BEFORE UPDATE ON attestations
BEGIN SELECT RAISE(ABORT, 'attestations are append-only: submit a correction instead'); END;
--> statement-breakpoint
CREATE TRIGGER attestations_refuse_delete BEFORE DELETE ON attestations
BEGIN SELECT RAISE(ABORT, 'attestations are append-only: records cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_refuse_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_refuse_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
