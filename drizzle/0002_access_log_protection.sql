-- Access log (NEN 7513): hash chain and append-only protection for audit_event.

-- The digest of one row: every field in a fixed order, NULL as the empty string.
CREATE OR REPLACE FUNCTION audit_event_digest(e audit_event) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT encode(sha256(convert_to(concat_ws('|',
		e.chain_seq::text,
		coalesce(e.previous_hash, ''),
		to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		e.event_type,
		e.action::text,
		e.outcome::text,
		coalesce(e.actor_person_id::text, ''),
		coalesce(e.actor_role, ''),
		coalesce(e.actor_name, ''),
		coalesce(e.actor_organisation_id::text, ''),
		coalesce(e.on_behalf_of_person_id::text, ''),
		coalesce(e.participant_id::text, ''),
		coalesce(e.organisation_id::text, ''),
		coalesce(e.object_type, ''),
		coalesce(e.object_id, ''),
		coalesce(e.access_point, '')
	), 'UTF8')), 'hex')
$$;
--> statement-breakpoint

-- Chains each new row to the previous one. The transaction-level lock orders concurrent writers,
-- so chain_seq and previous_hash follow commit order.
CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	last_row audit_event;
BEGIN
	PERFORM pg_advisory_xact_lock(7513);
	SELECT * INTO last_row FROM audit_event ORDER BY chain_seq DESC LIMIT 1;
	NEW.recorded_at := now();
	NEW.chain_seq := coalesce(last_row.chain_seq, 0) + 1;
	NEW.previous_hash := last_row.hash;
	NEW.hash := audit_event_digest(NEW);
	RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
	FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
--> statement-breakpoint

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
	RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
	FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
	FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
