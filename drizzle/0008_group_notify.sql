-- Groups, memberships and trainers change rarely and are read on every participant page: tell every
-- app instance when they change, so its cache (groups/queries.ts) is cleared at once.
CREATE OR REPLACE FUNCTION herstelpad_notify_groups() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('herstelpad_auth', 'groups');
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER course_group_notify_change
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_group
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_groups();
--> statement-breakpoint
CREATE TRIGGER group_member_notify_change
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_member
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_groups();
--> statement-breakpoint
CREATE TRIGGER group_trainer_notify_change
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_trainer
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_groups();
