CREATE TABLE "usage_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"group_id" uuid,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_event_kind_known" CHECK ("usage_event"."kind" in ('first_visit', 'visit', 'video_started', 'video_ended', 'workbook_opened', 'workbook_pdf'))
);
--> statement-breakpoint
CREATE TABLE "why_not_answer" (
	"person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"group_id" uuid,
	"component" text NOT NULL,
	"answer" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "why_not_answer_component_known" CHECK ("why_not_answer"."component" in ('check_in', 'modules')),
	CONSTRAINT "why_not_answer_answer_known" CHECK ("why_not_answer"."answer" in ('cannot_find', 'no_device', 'not_needed', 'too_hard', 'rather_not_say', 'not_now'))
);
--> statement-breakpoint
ALTER TABLE "usage_event" ADD CONSTRAINT "usage_event_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_event" ADD CONSTRAINT "usage_event_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_event" ADD CONSTRAINT "usage_event_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "why_not_answer" ADD CONSTRAINT "why_not_answer_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "why_not_answer" ADD CONSTRAINT "why_not_answer_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "why_not_answer" ADD CONSTRAINT "why_not_answer_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_event_org_kind_idx" ON "usage_event" USING btree ("organisation_id","kind","occurred_at","person_id");--> statement-breakpoint
CREATE INDEX "usage_event_group_kind_idx" ON "usage_event" USING btree ("group_id","kind","occurred_at","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_event_first_visit_uq" ON "usage_event" USING btree ("person_id") WHERE "usage_event"."kind" = 'first_visit';--> statement-breakpoint
CREATE UNIQUE INDEX "usage_event_week_visit_uq" ON "usage_event" USING btree ("person_id",date_trunc('week', "occurred_at" at time zone 'UTC')) WHERE "usage_event"."kind" = 'visit';--> statement-breakpoint
CREATE INDEX "usage_event_person_idx" ON "usage_event" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "why_not_answer_person_component_uq" ON "why_not_answer" USING btree ("person_id","component");--> statement-breakpoint
CREATE INDEX "why_not_answer_org_idx" ON "why_not_answer" USING btree ("organisation_id","component","answer");--> statement-breakpoint
CREATE INDEX "why_not_answer_group_idx" ON "why_not_answer" USING btree ("group_id","component","answer");