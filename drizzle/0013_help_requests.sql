CREATE TABLE "help_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"from_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_person_id" uuid,
	"close_note" text
);
--> statement-breakpoint
ALTER TABLE "help_request" ADD CONSTRAINT "help_request_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_request" ADD CONSTRAINT "help_request_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_request" ADD CONSTRAINT "help_request_closed_by_person_id_person_id_fk" FOREIGN KEY ("closed_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_request_group_idx" ON "help_request" USING btree ("group_id","closed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "help_request_one_open_uq" ON "help_request" USING btree ("person_id") WHERE "help_request"."closed_at" is null;