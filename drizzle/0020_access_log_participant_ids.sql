-- The hash of an access-log row also covers participant_ids (the participants one list read showed).
-- concat_ws skips NULL, so rows without the list (every row written before this migration) keep
-- the digest they were written with, and audit:verify still passes over the old chain.
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
		coalesce(e.access_point, ''),
		'participants=' || array_to_string(e.participant_ids, ',')
	), 'UTF8')), 'hex')
$$;
