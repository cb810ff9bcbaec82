CREATE TABLE "audit_event_removed" (
	"chain_seq" bigint PRIMARY KEY NOT NULL,
	"previous_hash" text,
	"hash" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"organisation_id" uuid,
	"removed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint

-- Removing access-log rows after their retention period (at least 5 years, NEN 7513) without
-- rewriting the hash chain: each removed row leaves its place, its link and its hash behind in
-- audit_event_removed, written here in the same statement, so audit:verify still walks every link.
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		RAISE EXCEPTION 'audit_event is append-only: UPDATE refused';
	END IF;
	IF TG_OP = 'TRUNCATE' THEN
		RAISE EXCEPTION 'audit_event is append-only: TRUNCATE refused';
	END IF;
	IF OLD.recorded_at > now() - interval '5 years' THEN
		RAISE EXCEPTION 'audit_event rows are kept at least 5 years: DELETE refused';
	END IF;
	INSERT INTO audit_event_removed (chain_seq, previous_hash, hash, recorded_at, organisation_id)
		VALUES (OLD.chain_seq, OLD.previous_hash, OLD.hash, OLD.recorded_at, OLD.organisation_id);
	RETURN OLD;
END
$$;
--> statement-breakpoint

-- A new row follows the last one, also when that one was removed.
CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	last_seq bigint;
	last_hash text;
	removed_seq bigint;
	removed_hash text;
BEGIN
	PERFORM pg_advisory_xact_lock(7513);
	SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_event ORDER BY chain_seq DESC LIMIT 1;
	SELECT chain_seq, hash INTO removed_seq, removed_hash FROM audit_event_removed ORDER BY chain_seq DESC LIMIT 1;
	IF removed_seq > coalesce(last_seq, 0) THEN
		last_seq := removed_seq;
		last_hash := removed_hash;
	END IF;
	NEW.recorded_at := now();
	NEW.chain_seq := coalesce(last_seq, 0) + 1;
	NEW.previous_hash := last_hash;
	NEW.hash := audit_event_digest(NEW);
	RETURN NEW;
END
$$;
--> statement-breakpoint

-- What is left of a removed row is kept for good.
CREATE OR REPLACE FUNCTION audit_event_removed_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_event_removed is append-only: % refused', TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_removed_append_only BEFORE UPDATE OR DELETE ON audit_event_removed
	FOR EACH ROW EXECUTE FUNCTION audit_event_removed_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_removed_no_truncate BEFORE TRUNCATE ON audit_event_removed
	FOR EACH STATEMENT EXECUTE FUNCTION audit_event_removed_refuse_change();
