-- Tell every app instance when a session or a person changes, so per-process session caches
-- (src/lib/server/auth/session-cache.ts) drop what is no longer true at once. Any change to a session row
-- counts, including the once-a-minute last_seen_at touch, so a change made anywhere reaches every cache.
CREATE OR REPLACE FUNCTION herstelpad_notify_session() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('herstelpad_auth', 'session:' || OLD.token);
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER session_notify_change
	AFTER DELETE OR UPDATE ON "session"
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_session();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION herstelpad_notify_person() RETURNS trigger AS $$
BEGIN
	IF OLD.user_id IS NOT NULL THEN
		PERFORM pg_notify('herstelpad_auth', 'user:' || OLD.user_id);
	END IF;
	IF TG_OP = 'UPDATE' AND NEW.user_id IS NOT NULL AND NEW.user_id IS DISTINCT FROM OLD.user_id THEN
		PERFORM pg_notify('herstelpad_auth', 'user:' || NEW.user_id);
	END IF;
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER person_notify_change
	AFTER DELETE OR UPDATE ON person
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_person();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION herstelpad_notify_all() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('herstelpad_auth', 'all');
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organisation_notify_change
	AFTER UPDATE OR DELETE ON organisation
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_all();
