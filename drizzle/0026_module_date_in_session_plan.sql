-- Issue 25: a module's date and a session's module are one fact, kept on the session
-- (group_session.module_number). A date a trainer gave a module on the course page moves to the
-- group's planned session on that date when that session has no module yet; the next migration drops
-- group_module.session_date. Idempotent: running it twice changes nothing.
UPDATE "group_session" s
SET "module_number" = gm."module_number"
FROM "group_module" gm
WHERE gm."group_id" = s."group_id"
	AND gm."session_date" = s."date"
	AND s."status" = 'planned'
	AND s."module_number" IS NULL;
