CREATE TYPE "public"."questionnaire_response_status" AS ENUM('in_progress', 'completed');--> statement-breakpoint
CREATE TABLE "group_measure_plan" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"moments" smallint[] DEFAULT '{0,6,12}'::smallint[] NOT NULL,
	"participant_questionnaire_id" uuid,
	"clinician_questionnaire_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_measure_plan_moments" CHECK (cardinality("group_measure_plan"."moments") between 1 and 6)
);
--> statement-breakpoint
CREATE TABLE "measure_reminder_sent" (
	"person_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"moment" smallint NOT NULL,
	"channel" "reminder_channel" NOT NULL,
	"outcome" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_reminder_sent_person_id_group_id_moment_pk" PRIMARY KEY("person_id","group_id","moment")
);
--> statement-breakpoint
CREATE TABLE "questionnaire" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"purpose" text NOT NULL,
	"url" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"imported_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaire_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"author_id" uuid,
	"group_id" uuid NOT NULL,
	"moment" smallint NOT NULL,
	"status" "questionnaire_response_status" DEFAULT 'in_progress' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"mean" numeric(4, 2),
	"factors" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_response_moment_range" CHECK ("questionnaire_response"."moment" between 0 and 60)
);
--> statement-breakpoint
ALTER TABLE "group_measure_plan" ADD CONSTRAINT "group_measure_plan_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_measure_plan" ADD CONSTRAINT "group_measure_plan_participant_questionnaire_id_questionnaire_id_fk" FOREIGN KEY ("participant_questionnaire_id") REFERENCES "public"."questionnaire"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_measure_plan" ADD CONSTRAINT "group_measure_plan_clinician_questionnaire_id_questionnaire_id_fk" FOREIGN KEY ("clinician_questionnaire_id") REFERENCES "public"."questionnaire"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reminder_sent" ADD CONSTRAINT "measure_reminder_sent_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reminder_sent" ADD CONSTRAINT "measure_reminder_sent_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire" ADD CONSTRAINT "questionnaire_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire" ADD CONSTRAINT "questionnaire_imported_by_person_id_person_id_fk" FOREIGN KEY ("imported_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_response" ADD CONSTRAINT "questionnaire_response_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_response" ADD CONSTRAINT "questionnaire_response_questionnaire_id_questionnaire_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaire"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_response" ADD CONSTRAINT "questionnaire_response_subject_id_person_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_response" ADD CONSTRAINT "questionnaire_response_author_id_person_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_response" ADD CONSTRAINT "questionnaire_response_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_shipped_uq" ON "questionnaire" USING btree ("url","version") WHERE "questionnaire"."organisation_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_org_uq" ON "questionnaire" USING btree ("organisation_id","url","version");--> statement-breakpoint
CREATE INDEX "questionnaire_org_purpose_idx" ON "questionnaire" USING btree ("organisation_id","purpose","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_response_moment_uq" ON "questionnaire_response" USING btree ("subject_id","purpose","group_id","moment");--> statement-breakpoint
CREATE INDEX "questionnaire_response_group_idx" ON "questionnaire_response" USING btree ("group_id","purpose","moment");--> statement-breakpoint
CREATE INDEX "questionnaire_response_org_idx" ON "questionnaire_response" USING btree ("organisation_id","purpose","moment");--> statement-breakpoint
CREATE INDEX "questionnaire_response_org_updated_idx" ON "questionnaire_response" USING btree ("organisation_id","updated_at");--> statement-breakpoint
CREATE INDEX "questionnaire_response_questionnaire_idx" ON "questionnaire_response" USING btree ("questionnaire_id");