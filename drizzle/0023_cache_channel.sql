-- Cache invalidation under a name that says what it carries (issue 16). Since migration 0012 the channel
-- `herstelpad_auth` carried a participant's page data too; from here on every trigger notifies the channel
-- `herstelpad_cache`, listened to by src/lib/server/auth/session-cache.ts (`listenForCacheChanges`).
-- The payload names what changed; the caches decide what to drop (see the table in session-cache.ts):
--   session:<token hash>  a session row was updated or deleted          (0007)
--   user:<user id>        a person row of that user was updated/deleted (0007)
--   all                   an organisation was updated or deleted        (0007)
--   groups                groups, memberships, trainers, group courses  (0008, 0012, 0017)
--   person:<person id>    that participant's goals, check-ins, progress, messages, intake (0012, 0015, 0016)
-- The triggers stay as they are; only the functions they call are replaced. During a rolling upgrade an
-- instance still on the old code listens on the old channel and hears nothing: its entries still end
-- after their few seconds (TTL_MS), as while its LISTEN connection is down.
CREATE OR REPLACE FUNCTION herstelpad_notify_session() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('herstelpad_cache', 'session:' || OLD.token);
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION herstelpad_notify_person() RETURNS trigger AS $$
BEGIN
	IF OLD.user_id IS NOT NULL THEN
		PERFORM pg_notify('herstelpad_cache', 'user:' || OLD.user_id);
	END IF;
	IF TG_OP = 'UPDATE' AND NEW.user_id IS NOT NULL AND NEW.user_id IS DISTINCT FROM OLD.user_id THEN
		PERFORM pg_notify('herstelpad_cache', 'user:' || NEW.user_id);
	END IF;
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION herstelpad_notify_all() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('herstelpad_cache', 'all');
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION herstelpad_notify_groups() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('herstelpad_cache', 'groups');
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION herstelpad_notify_person_data() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('herstelpad_cache', 'person:' || COALESCE(NEW.person_id, OLD.person_id)::text);
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
