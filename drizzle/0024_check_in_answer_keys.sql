-- Issue 16: the check-in's stored draft answers are keyed by the check-in's own (English) question
-- names; the Dutch ones stay in the page's form only (/check-in, field `vraag`). Drafts written
-- before this keep their answers under the new keys. Idempotent: a draft with no Dutch key is left
-- alone, and running it twice changes nothing.
UPDATE "check_in_draft"
SET "answers" = (
	SELECT jsonb_object_agg(
		CASE "key"
			WHEN 'gewerkt' THEN 'worked'
			WHEN 'dichtbij' THEN 'closeness'
			WHEN 'bespreken' THEN 'bringUp'
			WHEN 'stap' THEN 'step'
			WHEN 'nieuwe-stap' THEN 'newStep'
			ELSE "key"
		END,
		"value"
	)
	FROM jsonb_each("answers")
)
WHERE "answers" ?| ARRAY['gewerkt', 'dichtbij', 'bespreken', 'stap', 'nieuwe-stap'];
