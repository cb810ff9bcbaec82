-- The access log's list-read index holds only the rows with a list (issue 22: at 100,000 participants every
-- row without one was a null entry in it), and has no pending list for a look-up to read through.
DROP INDEX "audit_event_participant_ids_idx";--> statement-breakpoint
CREATE INDEX "audit_event_participant_ids_idx" ON "audit_event" USING gin ("participant_ids") WITH (fastupdate=false) WHERE "audit_event"."participant_ids" is not null;