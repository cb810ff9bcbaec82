ALTER TABLE "audit_event" ADD COLUMN "participant_ids" uuid[];--> statement-breakpoint
CREATE INDEX "audit_event_participant_ids_idx" ON "audit_event" USING gin ("participant_ids");--> statement-breakpoint
CREATE INDEX "course_group_name_search_idx" ON "course_group" USING gin (to_tsvector('simple', "name"));--> statement-breakpoint
CREATE INDEX "group_trainer_person_idx" ON "group_trainer" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_people_list_idx" ON "person" USING btree ("organisation_id","role",lower("display_name"),"id");--> statement-breakpoint
CREATE INDEX "person_people_inactive_idx" ON "person" USING btree ("organisation_id","role",lower("display_name"),"id") WHERE "person"."deactivated_at" is not null;--> statement-breakpoint
CREATE INDEX "person_name_search_idx" ON "person" USING gin (to_tsvector('simple', "display_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "user_email_lower_uq" ON "user" USING btree (lower("email"));