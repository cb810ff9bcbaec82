-- Issue 16: finished starter lessons are stored under the lessons' own (English) keys; the Dutch words
-- stay in the URL only (/startlessen/inloggen, /startlessen/naar-home). Rows written before this get
-- the new keys; 'video' and 'check-in' are the same in both. Idempotent: running it twice changes nothing.
UPDATE "starter_lesson_done"
SET "lesson" = CASE "lesson" WHEN 'inloggen' THEN 'sign-in' WHEN 'naar-home' THEN 'home' END
WHERE "lesson" IN ('inloggen', 'naar-home');
