CREATE TYPE "public"."significant_other_invite" AS ENUM('email', 'card');--> statement-breakpoint
CREATE TABLE "plan_review_sent" (
	"person_id" uuid NOT NULL,
	"due_day" date NOT NULL,
	"channel" "reminder_channel" NOT NULL,
	"outcome" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_review_sent_person_id_due_day_pk" PRIMARY KEY("person_id","due_day")
);
--> statement-breakpoint
CREATE TABLE "relapse_plan" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"review_months" smallint DEFAULT 6 NOT NULL,
	"shared_with_care_team" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relapse_plan_review_months" CHECK ("relapse_plan"."review_months" between 1 and 24)
);
--> statement-breakpoint
CREATE TABLE "relapse_plan_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"day" date NOT NULL,
	"content" jsonb NOT NULL,
	"entered_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relapse_plan_version_day" UNIQUE("person_id","day")
);
--> statement-breakpoint
CREATE TABLE "significant_other_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"significant_other_id" uuid NOT NULL,
	"description" text NOT NULL,
	"share_goal" boolean DEFAULT false NOT NULL,
	"invited_by" "significant_other_invite" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by_person_id" uuid
);
--> statement-breakpoint
ALTER TABLE "plan_review_sent" ADD CONSTRAINT "plan_review_sent_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relapse_plan" ADD CONSTRAINT "relapse_plan_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relapse_plan_version" ADD CONSTRAINT "relapse_plan_version_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relapse_plan_version" ADD CONSTRAINT "relapse_plan_version_entered_by_person_id_person_id_fk" FOREIGN KEY ("entered_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "significant_other_link" ADD CONSTRAINT "significant_other_link_participant_id_person_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "significant_other_link" ADD CONSTRAINT "significant_other_link_significant_other_id_person_id_fk" FOREIGN KEY ("significant_other_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "significant_other_link" ADD CONSTRAINT "significant_other_link_ended_by_person_id_person_id_fk" FOREIGN KEY ("ended_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "significant_other_link_participant_idx" ON "significant_other_link" USING btree ("participant_id","created_at");--> statement-breakpoint
CREATE INDEX "significant_other_link_other_idx" ON "significant_other_link" USING btree ("significant_other_id","participant_id") WHERE "significant_other_link"."ended_at" is null;